package dev.modelmanager.weights.domain;

import java.util.Locale;

/**
 * A file path taken from a Hub tree, checked before it names anything on disk: relative, no {@code
 * .} or {@code ..} segment, no NUL or control character, no backslash, no empty segment.
 */
public final class HubPath {
  private static final int MAX_LENGTH = 1024;

  private HubPath() {}

  /** The path when it is safe; throws {@link UnsafePathException} with the reason otherwise. */
  public static String validate(String path) {
    if (path == null || path.isEmpty()) {
      throw new UnsafePathException(String.valueOf(path), "is empty");
    }
    if (path.length() > MAX_LENGTH) {
      throw new UnsafePathException(path, "is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == 0 || c < 0x20 || c == 0x7f) {
        throw new UnsafePathException(path, "contains a control character");
      }
      if (c == '\\') {
        throw new UnsafePathException(path, "contains a backslash");
      }
    }
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
      throw new UnsafePathException(path, "is absolute");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new UnsafePathException(path, "has an empty segment");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new UnsafePathException(path, "has a '" + segment + "' segment");
      }
    }
    return path;
  }

  /** Whether a blob name is a lower-case sha256 or git sha1 in hex. */
  public static boolean isBlobName(String hash) {
    return hash != null && hash.matches("[0-9a-f]{40}|[0-9a-f]{64}");
  }

  /** A revision (branch, tag or commit) safe to use as a {@code refs/} file name and in URLs. */
  public static String validateRevision(String revision) {
    if (revision == null || revision.isBlank()) {
      throw new IllegalArgumentException("revision must not be empty");
    }
    if (revision.length() > 200
        || !revision.matches("[A-Za-z0-9._/-]+")
        || revision.startsWith("/")
        || revision.endsWith("/")
        || revision.startsWith(".")) {
      throw new IllegalArgumentException(
          "revision is not a valid branch, tag or commit: " + revision);
    }
    for (String segment : revision.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("revision has an unsafe segment: " + revision);
      }
    }
    return revision;
  }

  /** Whether a revision is already a full commit sha. */
  public static boolean isCommit(String revision) {
    return revision != null && revision.toLowerCase(Locale.ROOT).matches("[0-9a-f]{40}");
  }

  /** A path from the Hub that would leave the repository folder or is otherwise unsafe. */
  public static final class UnsafePathException extends RuntimeException {
    public UnsafePathException(String path, String reason) {
      super(
          "unsafe path from the Hub tree '" + printable(path) + "': " + reason, null, false, false);
    }

    private static String printable(String path) {
      return path.replaceAll("[\\p{Cntrl}]", "?");
    }
  }
}
