package dev.modelmanager.gateway.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a changelog in the Keep a Changelog format: {@code ## [version] - date} headings, {@code
 * ### Section} headings and bullet items (continuation lines are joined to their item).
 */
public final class ChangelogParser {
  private static final Pattern RELEASE =
      Pattern.compile(
          "^##\\s+\\[?(?<version>[^\\]\\s]+)\\]?(?:\\s*[-–—]\\s*(?<date>\\d{4}-\\d{2}-\\d{2}))?.*$");
  private static final Pattern SECTION = Pattern.compile("^###\\s+(?<name>.+?)\\s*$");
  private static final Pattern ITEM = Pattern.compile("^\\s{0,3}[-*+]\\s+(?<text>.*)$");

  private ChangelogParser() {}

  /** The releases in file order (newest first by convention); empty for an empty text. */
  public static List<ChangelogEntry> parse(String markdown) {
    List<ChangelogEntry> entries = new ArrayList<>();
    Builder current = null;
    for (String line : markdown.split("\\R")) {
      Matcher release = RELEASE.matcher(line);
      if (line.startsWith("## ") && release.matches()) {
        if (current != null) {
          entries.add(current.build());
        }
        current = new Builder(release.group("version"), release.group("date"));
      } else if (current != null) {
        current.accept(line);
      }
    }
    if (current != null) {
      entries.add(current.build());
    }
    return entries;
  }

  /** Collects one release's sections while its lines are read. */
  private static final class Builder {
    private final String version;
    private final String date;
    private final Map<String, List<String>> sections = new LinkedHashMap<>();
    private List<String> section;
    private StringBuilder item;

    Builder(String version, String date) {
      this.version = version;
      this.date = date;
    }

    void accept(String line) {
      Matcher heading = SECTION.matcher(line);
      if (heading.matches()) {
        endItem();
        section = sections.computeIfAbsent(heading.group("name"), k -> new ArrayList<>());
        return;
      }
      if (section == null) {
        return;
      }
      Matcher bullet = ITEM.matcher(line);
      if (bullet.matches()) {
        endItem();
        item = new StringBuilder(bullet.group("text").strip());
      } else if (item != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
        item.append(' ').append(line.strip());
      } else {
        endItem();
      }
    }

    private void endItem() {
      if (item != null && !item.isEmpty()) {
        section.add(item.toString());
      }
      item = null;
    }

    ChangelogEntry build() {
      endItem();
      return new ChangelogEntry(version, date, sections);
    }
  }
}
