package dev.modelmanager.testkit.hub;

/** A single satisfiable byte range of a file, inclusive of both ends as in HTTP. */
record ByteRange(long first, long last) {

  long length() {
    return last - first + 1;
  }

  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** The outcome of reading a {@code Range} header against a file size. */
  sealed interface Outcome permits Whole, Partial, Unsatisfiable {}

  /** No usable Range header: send the whole file with 200. */
  record Whole() implements Outcome {}

  /** Send this part with 206. */
  record Partial(ByteRange range) implements Outcome {}

  /** Send 416 with {@code Content-Range: bytes * /size}. */
  record Unsatisfiable() implements Outcome {}

  /**
   * Reads {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n}; several ranges or a malformed
   * header fall back to the whole file, as many servers do.
   */
  static Outcome parse(String header, long size) {
    if (header == null || !header.trim().startsWith("bytes=")) {
      return new Whole();
    }
    String spec = header.trim().substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (spec.contains(",") || dash < 0) {
      return new Whole();
    }
    try {
      String start = spec.substring(0, dash).trim();
      String end = spec.substring(dash + 1).trim();
      if (start.isEmpty()) {
        long suffix = Long.parseLong(end);
        if (suffix <= 0 || size == 0) {
          return new Unsatisfiable();
        }
        return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(start);
      long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
      if (!end.isEmpty() && Long.parseLong(end) < first) {
        return new Whole();
      }
      return first >= size ? new Unsatisfiable() : new Partial(new ByteRange(first, last));
    } catch (NumberFormatException e) {
      return new Whole();
    }
  }
}
