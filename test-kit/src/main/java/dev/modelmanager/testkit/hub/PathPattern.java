package dev.modelmanager.testkit.hub;

import java.util.regex.Pattern;

/**
 * A request-path matcher: {@code regex:<java regex>}, {@code glob:<glob>} or a bare glob, where
 * {@code **} crosses slashes, {@code *} does not and {@code ?} is one character. Null or empty
 * matches every path.
 */
public final class PathPattern {

  private final String source;
  private final Pattern pattern;

  private PathPattern(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /** Compiles a pattern. */
  public static PathPattern of(String text) {
    if (text == null || text.isEmpty()) {
      return new PathPattern("", null);
    }
    if (text.startsWith("regex:")) {
      return new PathPattern(text, Pattern.compile(text.substring("regex:".length())));
    }
    String glob = text.startsWith("glob:") ? text.substring("glob:".length()) : text;
    return new PathPattern(text, Pattern.compile(globToRegex(glob)));
  }

  /** Whether the whole path matches (a regex may also match a part: use anchors to avoid it). */
  public boolean matches(String path) {
    if (pattern == null) {
      return true;
    }
    return source.startsWith("regex:")
        ? pattern.matcher(path).find()
        : pattern.matcher(path).matches();
  }

  @Override
  public String toString() {
    return source;
  }

  private static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        // "**/" also matches no directory at all, as in most glob dialects.
        boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
        regex.append(slash ? "(?:.*/)?" : ".*");
        i += slash ? 2 : 1;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
