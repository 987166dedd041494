package dev.modelmanager.gateway.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.gateway.audit.AuditEntry;
import dev.modelmanager.gateway.audit.AuditOutcomes;
import dev.modelmanager.gateway.audit.AuditRecord;
import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.domain.ReadAccess;
import dev.modelmanager.gateway.notify.domain.EventMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns logged events and audited requests into activity entries people can read. */
final class ActivityText {
  private static final String INSTALL = "dev.modelmanager.weights.install.";

  // What a request did, in words; anything else reads "called METHOD route".
  private static final Map<String, String> PHRASES =
      Map.ofEntries(
          Map.entry("POST /api/v1/weights/installs", "requested a weights install"),
          Map.entry("POST /api/v1/weights/installs/plan", "previewed a weights install"),
          Map.entry("POST /api/v1/weights/installs/{id}/cancel", "cancelled install"),
          Map.entry("POST /api/v1/weights/installs/{id}/retry", "retried install"),
          Map.entry("POST /api/v1/weights/{id}/pin", "pinned weights"),
          Map.entry("POST /api/v1/weights/{id}/unpin", "unpinned weights"),
          Map.entry("DELETE /api/v1/weights/{id}", "deleted weights"),
          Map.entry("POST /api/v1/weights/purge", "purged stale weights"),
          Map.entry("POST /api/v1/weights/reconcile", "reconciled the weights inventory"),
          Map.entry("POST /api/v1/catalog/pull-requests", "opened a catalog pull request"),
          Map.entry("POST /api/v1/catalog/reload", "reloaded the catalog"),
          Map.entry("POST /api/v1/catalog/bot/run", "ran the catalog bot"),
          Map.entry("POST /api/v1/deployments/{name}/dry-run", "dry-ran deployment"),
          Map.entry("POST /api/v1/deployments/{name}/activate", "activated deployment"),
          Map.entry("POST /api/v1/deployments/{name}/rollback", "rolled back deployment"),
          Map.entry("POST /api/v1/deployments/{name}/deactivate", "deactivated deployment"),
          Map.entry("DELETE /api/v1/deployments/{name}", "deleted deployment"),
          Map.entry("POST /api/v1/gpus/reports", "reported GPUs"),
          Map.entry("POST /api/v1/notifications/channels", "created a notification channel"),
          Map.entry("PUT /api/v1/notifications/channels/{id}", "changed notification channel"),
          Map.entry("DELETE /api/v1/notifications/channels/{id}", "deleted notification channel"),
          Map.entry("POST /api/v1/notifications/channels/{id}/test", "tested notification channel"),
          Map.entry("POST /api/v1/notifications/deliveries/{id}/redeliver", "redelivered"),
          Map.entry("POST /api/v1/tokens", "created an API token"),
          Map.entry("POST /api/v1/tokens/{id}/rotate", "rotated API token"),
          Map.entry("DELETE /api/v1/tokens/{id}", "revoked API token"));

  private ActivityText() {}

  static ActivityEntry event(LoggedEvent e, JsonNode data) {
    AuditEntry.Actor actor = AuditOutcomes.actor(data);
    // An empty base keeps the UI link relative: "/weights/<job>".
    EventMessage m = EventMessage.of(e.id(), e.type(), e.subject(), e.time(), data, "");
    String model = EventMessage.first(data, "repo", "model", "modelId", "repoId", "hfModelId");
    String who = actor.name();
    String summary =
        e.type().startsWith(INSTALL)
            ? install(who, e.type().substring(INSTALL.length()), model, data)
            : who
                + ": "
                + m.title().toLowerCase(Locale.ROOT)
                + (m.what() == null ? "" : " " + m.what())
                + " ("
                + m.outcome()
                + ")";
    List<String> targets = new ArrayList<>();
    if (e.subject() != null && !e.subject().isBlank()) {
      targets.add(e.subject());
    }
    String deployment = EventMessage.first(data, "deployment");
    if (deployment != null && !targets.contains(deployment)) {
      targets.add(deployment);
    }
    return new ActivityEntry(
        ActivityEntry.EVENT + ":" + e.seq(),
        ActivityEntry.EVENT,
        e.type(),
        e.time() == null ? e.receivedAt() : e.time(),
        actor.subject(),
        actor.name(),
        summary,
        model,
        targets,
        outcomeWord(e.type()),
        null,
        m.link());
  }

  static ActivityEntry request(AuditRecord r) {
    AuditEntry e = r.entry();
    String path = path(e.action());
    String phrase =
        PHRASES.getOrDefault(e.action(), "called " + e.action().toLowerCase(Locale.ROOT));
    String summary =
        e.actor().name()
            + " "
            + phrase
            + (e.targets().isEmpty() ? "" : " " + String.join(", ", e.targets()))
            + " ("
            + e.outcome()
            + ")";
    return new ActivityEntry(
        ActivityEntry.REQUEST + ":" + r.seq(),
        ActivityEntry.REQUEST,
        "dev.modelmanager." + ReadAccess.areaOfPath(path) + ".request",
        e.time(),
        e.actor().subject(),
        e.actor().name(),
        summary,
        null,
        e.targets(),
        e.outcome(),
        e.action(),
        null);
  }

  /** The route of an audited request's action ({@code POST /api/v1/x} → {@code /api/v1/x}). */
  static String path(String action) {
    int space = action.indexOf(' ');
    return space < 0 ? action : action.substring(space + 1);
  }

  // "alice installed Qwen/Qwen2.5-7B-Instruct@main into fast-nvme: succeeded, 15.2 GB"
  private static String install(String who, String verb, String model, JsonNode data) {
    String what = model == null ? "a model" : model;
    String revision = EventMessage.first(data, "revision");
    if (revision != null) {
      what += "@" + revision;
    }
    String location = EventMessage.first(data, "location");
    String into = location == null ? "" : " into " + location;
    return switch (verb) {
      case "created" -> who + " started installing " + what + into;
      case "succeeded" -> who + " installed " + what + into + ": succeeded" + size(data);
      case "failed" -> who + " installed " + what + into + ": failed" + reason(data);
      case "cancelled" -> who + " installed " + what + into + ": cancelled" + size(data);
      default -> who + " installed " + what + into + ": " + verb;
    };
  }

  private static String size(JsonNode data) {
    JsonNode total = data == null ? null : data.get("bytesTotal");
    if (total == null || !total.canConvertToLong() || total.asLong() <= 0) {
      return "";
    }
    return ", " + bytes(total.asLong());
  }

  static String bytes(long n) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = n;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static String reason(JsonNode data) {
    JsonNode error = data == null ? null : data.get("error");
    if (error == null || error.isNull()) {
      return "";
    }
    String detail =
        error.isObject() ? EventMessage.first(error, "detail", "title") : error.asText();
    return detail == null ? "" : " (" + detail + ")";
  }

  private static String outcomeWord(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }
}
