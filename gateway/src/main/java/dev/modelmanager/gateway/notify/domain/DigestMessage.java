package dev.modelmanager.gateway.notify.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One email listing the events of a digest interval, oldest first: a subject with the count and the
 * worst severity, a text part with one line per event, an HTML part with one table row each.
 */
public record DigestMessage(List<EventMessage> events) {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public DigestMessage {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a digest lists at least one event");
    }
    events = List.copyOf(events);
  }

  /** The most severe of the events. */
  public Severity worst() {
    return events.stream().map(EventMessage::severity).max(Comparator.naturalOrder()).orElseThrow();
  }

  public String subject() {
    int n = events.size();
    String count = n == 1 ? "1 event" : n + " events";
    Severity worst = worst();
    return "[Model Manager] Digest: "
        + count
        + (worst == Severity.INFO ? "" : " (" + worst.wire() + ")")
        + ", latest "
        + events.get(n - 1).title();
  }

  public String text() {
    List<String> lines = new ArrayList<>();
    lines.add(events.size() + " events since the last digest, oldest first:");
    lines.add("");
    for (EventMessage e : events) {
      lines.add(
          "- "
              + when(e.time())
              + "  "
              + e.title()
              + (e.what() == null ? "" : ": " + e.what())
              + "  by "
              + e.who()
              + "  ("
              + e.outcome()
              + ", "
              + e.severity().wire()
              + ")");
      lines.add("  " + e.type() + " " + e.eventId() + (e.link() == null ? "" : "  " + e.link()));
    }
    return String.join("\n", lines) + "\n";
  }

  public String html() {
    StringBuilder b = new StringBuilder();
    b.append("<h2>").append(events.size()).append(" events since the last digest</h2>");
    b.append("<table><tr>");
    for (String h : List.of("When", "What happened", "What", "Who", "Outcome", "Severity", "")) {
      b.append("<th align=\"left\">").append(h).append("</th>");
    }
    b.append("</tr>");
    for (EventMessage e : events) {
      b.append("<tr>");
      cell(b, when(e.time()));
      b.append("<td>").append(EventMessage.esc(e.title())).append("<br><small>");
      b.append(EventMessage.esc(e.type() + " " + e.eventId())).append("</small></td>");
      cell(b, e.what() == null ? "-" : e.what());
      cell(b, e.who());
      cell(b, e.outcome());
      cell(b, e.severity().wire());
      b.append("<td>");
      if (e.link() != null) {
        b.append("<a href=\"").append(EventMessage.esc(e.link())).append("\">Open</a>");
      }
      b.append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  private static void cell(StringBuilder b, String v) {
    b.append("<td>").append(EventMessage.esc(v)).append("</td>");
  }

  private static String when(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }
}
