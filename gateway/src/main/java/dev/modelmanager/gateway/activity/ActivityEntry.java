package dev.modelmanager.gateway.activity;

import java.time.Instant;
import java.util.List;

/**
 * One line of the activity feed, as people read it.
 *
 * @param id {@code event:<log position>} or {@code request:<audit record id>}
 * @param kind {@code event} (something a service reported) or {@code request} (a change someone
 *     asked the API for)
 * @param type the CloudEvents type, or {@code dev.modelmanager.<area>.request} for a request
 * @param time when it happened
 * @param actor who did it (a subject; {@code system} for background work nobody started)
 * @param actorName their display name
 * @param summary a sentence: "alice installed Qwen/Qwen2.5-7B-Instruct@main into fast-nvme:
 *     succeeded, 15.2 GB"
 * @param model the Hugging Face repo id it concerns, when known
 * @param targets the ids it touched (job id, deployment name, …)
 * @param outcome the outcome word ({@code succeeded}, {@code ready}) or HTTP status ({@code 202})
 * @param action for a request, {@code METHOD route-template}; null for events
 * @param link the UI page or API resource to open, when there is one
 */
public record ActivityEntry(
    String id,
    String kind,
    String type,
    Instant time,
    String actor,
    String actorName,
    String summary,
    String model,
    List<String> targets,
    String outcome,
    String action,
    String link) {

  public static final String EVENT = "event";
  public static final String REQUEST = "request";

  /** The CSV columns, in order; {@code targets} is space-separated there. */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "kind",
          "type",
          "time",
          "actor",
          "actorName",
          "summary",
          "model",
          "targets",
          "outcome",
          "action",
          "link");

  /** The CSV cells, in {@link #COLUMNS} order. */
  public Object[] csvRow() {
    return new Object[] {
      id,
      kind,
      type,
      time.toString(),
      actor,
      actorName,
      summary,
      model,
      String.join(" ", targets),
      outcome,
      action,
      link
    };
  }
}
