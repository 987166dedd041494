package dev.modelmanager.gateway.notify.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An event as people read it: what happened, to which model or deployment, who did it, the outcome,
 * and a link to the UI page. Rendered as a Slack Block Kit message or an email.
 */
public record EventMessage(
    String eventId,
    String type,
    Severity severity,
    String title,
    String what,
    String who,
    String outcome,
    String link,
    Instant time) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  public static EventMessage of(
      String eventId, String type, String subject, Instant time, JsonNode data, String uiBaseUrl) {
    String[] parts = type.split("\\.");
    String outcome = parts[parts.length - 1];
    String noun = parts.length >= 2 ? parts[parts.length - 2] : type;
    String area = parts.length >= 3 ? parts[2] : "";
    String title = capitalize(area) + " " + noun + " " + outcome.replace('-', ' ');
    String what =
        first(
            data,
            "model",
            "modelId",
            "repoId",
            "repo",
            "hfModelId",
            "deployment",
            "deploymentName",
            "name");
    if (what == null) {
      what = subject;
    } else if (data.hasNonNull("revision")) {
      what = what + "@" + data.get("revision").asText();
    }
    String who = first(data, "actor", "requestedBy", "createdBy", "user");
    String detail = first(data, "error", "reason", "message", "state");
    return new EventMessage(
        eventId,
        type,
        Severity.of(type, data),
        title.trim(),
        what,
        who == null ? "system" : who,
        detail == null ? outcome : outcome + ": " + detail,
        uiBaseUrl == null ? null : uiBaseUrl.replaceAll("/+$", "") + uiPath(area, subject),
        time);
  }

  private static String uiPath(String area, String subject) {
    String s =
        subject == null
            ? ""
            : "/" + java.net.URLEncoder.encode(subject, java.nio.charset.StandardCharsets.UTF_8);
    return switch (area) {
      case "weights" -> "/weights" + s;
      case "deploy" -> "/deployments" + s;
      case "catalog" -> "/catalog";
      default -> "/events";
    };
  }

  /** The Slack incoming-webhook body: a fallback text and Block Kit sections. */
  public ObjectNode slack() {
    ObjectNode body = JSON.objectNode();
    body.put("text", title + (what == null ? "" : ": " + what) + " (" + outcome + ")");
    ArrayNode blocks = body.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", title);
    ObjectNode section = blocks.addObject().put("type", "section");
    ArrayNode fields = section.putArray("fields");
    field(fields, "What", what == null ? "—" : what);
    field(fields, "Who", who);
    field(fields, "Outcome", outcome);
    field(fields, "Severity", severity.wire());
    if (link != null) {
      ObjectNode actions = blocks.addObject().put("type", "actions");
      ObjectNode button = actions.putArray("elements").addObject().put("type", "button");
      button.putObject("text").put("type", "plain_text").put("text", "Open in Model Manager");
      button.put("url", link);
    }
    ObjectNode context = blocks.addObject().put("type", "context");
    context
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put("text", "`" + type + "` · " + eventId + (time == null ? "" : " · " + time));
    return body;
  }

  public String emailSubject() {
    return "[Model Manager] " + title + (what == null ? "" : ": " + what);
  }

  public String emailText() {
    List<String> lines = new ArrayList<>();
    lines.add(title);
    lines.add("");
    lines.add("What:     " + (what == null ? "-" : what));
    lines.add("Who:      " + who);
    lines.add("Outcome:  " + outcome);
    lines.add("Severity: " + severity.wire());
    lines.add("Event:    " + type + " " + eventId);
    if (link != null) {
      lines.add("");
      lines.add(link);
    }
    return String.join("\n", lines) + "\n";
  }

  public String emailHtml() {
    StringBuilder b = new StringBuilder();
    b.append("<h2>").append(esc(title)).append("</h2><table>");
    row(b, "What", what == null ? "-" : what);
    row(b, "Who", who);
    row(b, "Outcome", outcome);
    row(b, "Severity", severity.wire());
    row(b, "Event", type + " " + eventId);
    b.append("</table>");
    if (link != null) {
      b.append("<p><a href=\"").append(esc(link)).append("\">Open in Model Manager</a></p>");
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("<tr><th align=\"left\">").append(esc(k)).append("</th><td>").append(esc(v));
    b.append("</td></tr>");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static void field(ArrayNode fields, String name, String value) {
    fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + value);
  }

  /** The first of {@code names} that {@code data} holds as a non-blank value, or null. */
  public static String first(JsonNode data, String... names) {
    if (data == null || !data.isObject()) {
      return null;
    }
    for (String n : names) {
      JsonNode v = data.get(n);
      if (v != null && v.isValueNode() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return null;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
