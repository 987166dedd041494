package dev.modelmanager.weights.domain;

import java.util.regex.Pattern;

/**
 * An include/exclude pattern with the semantics of {@code huggingface_hub}'s allow/ignore patterns
 * (fnmatch): {@code *} matches anything including {@code /}, {@code ?} one character, {@code [..]}
 * a class; a trailing {@code /} means everything below that folder.
 */
public final class GlobPattern {
  private final String source;
  private final Pattern regex;

  private GlobPattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  /** Compiles a pattern; throws IllegalArgumentException naming the problem. */
  public static GlobPattern of(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("pattern must not be empty");
    }
    if (glob.length() > 256 || glob.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("pattern is too long or contains NUL: " + glob);
    }
    String g = glob.endsWith("/") ? glob + "*" : glob;
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      switch (c) {
        case '*' -> r.append(".*");
        case '?' -> r.append('.');
        case '[' -> {
          int end = g.indexOf(']', i + 2);
          if (end < 0) {
            throw new IllegalArgumentException("unclosed '[' in pattern: " + glob);
          }
          String body = g.substring(i + 1, end);
          if (body.startsWith("!")) {
            body = "^" + body.substring(1);
          }
          r.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = end;
        }
        default -> r.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new GlobPattern(glob, Pattern.compile(r.toString()));
  }

  public boolean matches(String path) {
    return regex.matcher(path).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
