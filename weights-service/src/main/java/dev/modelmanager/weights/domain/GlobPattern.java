package dev.modelmanager.weights.domain;

/**
 * An include/exclude pattern with the semantics of {@code huggingface_hub}'s allow/ignore patterns
 * (fnmatch): {@code *} matches anything including {@code /}, {@code ?} one character, {@code [..]}
 * a class ({@code [!..]} negated, {@code a-z} ranges); a trailing {@code /} means everything below
 * that folder.
 *
 * <p>Matched without a regex: a greedy scan that only ever returns to the last {@code *}, so a
 * hostile pattern costs at most pattern × path steps instead of exponential backtracking.
 */
public final class GlobPattern {
  private final String source;
  private final String glob;

  private GlobPattern(String source, String glob) {
    this.source = source;
    this.glob = glob;
  }

  /** Checks a pattern; throws IllegalArgumentException naming the problem. */
  public static GlobPattern of(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("pattern must not be empty");
    }
    if (glob.length() > 256 || glob.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("pattern is too long or contains NUL: " + glob);
    }
    String g = glob.endsWith("/") ? glob + "*" : glob;
    for (int i = 0; i < g.length(); i++) {
      if (g.charAt(i) == '[') {
        int end = classEnd(g, i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed '[' in pattern: " + glob);
        }
        i = end;
      }
    }
    return new GlobPattern(glob, g);
  }

  public boolean matches(String path) {
    int p = 0;
    int s = 0;
    int starP = -1;
    int starS = -1;
    while (s < path.length()) {
      if (p < glob.length() && glob.charAt(p) == '*') {
        starP = p++;
        starS = s;
      } else if (p < glob.length() && single(p, path.charAt(s))) {
        p = glob.charAt(p) == '[' ? classEnd(glob, p) + 1 : p + 1;
        s++;
      } else if (starP >= 0) {
        p = starP + 1;
        s = ++starS;
      } else {
        return false;
      }
    }
    while (p < glob.length() && glob.charAt(p) == '*') {
      p++;
    }
    return p == glob.length();
  }

  /** Whether the pattern element at {@code p} (not a star) matches {@code c}. */
  private boolean single(int p, char c) {
    char g = glob.charAt(p);
    if (g == '?') {
      return true;
    }
    if (g != '[') {
      return g == c;
    }
    int end = classEnd(glob, p);
    int i = p + 1;
    boolean negate = glob.charAt(i) == '!';
    if (negate) {
      i++;
    }
    boolean found = false;
    while (i < end) {
      char lo = glob.charAt(i);
      if (i + 2 < end && glob.charAt(i + 1) == '-') {
        found |= lo <= c && c <= glob.charAt(i + 2);
        i += 3;
      } else {
        found |= lo == c;
        i++;
      }
    }
    return found != negate;
  }

  /** The index of the {@code ]} closing the class at {@code open}, or -1 (fnmatch: "[]]" works). */
  private static int classEnd(String g, int open) {
    int i = open + 1;
    if (i < g.length() && g.charAt(i) == '!') {
      i++;
    }
    return g.indexOf(']', i + 1);
  }

  @Override
  public String toString() {
    return source;
  }
}
