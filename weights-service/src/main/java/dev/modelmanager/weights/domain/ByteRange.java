package dev.modelmanager.weights.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Bytes {@code [start, end)} of a file. Persisted parts are ranges, not part numbers, so what a
 * download under one part size wrote is still understood under another.
 */
public record ByteRange(long start, long end) {
  public ByteRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad byte range [" + start + ", " + end + ")");
    }
  }

  public long length() {
    return end - start;
  }

  /**
   * How many bytes of {@code [from, to)}, counted from {@code from} without a gap, the union of
   * {@code done} covers: a part resumes after them.
   */
  public static long coveredFrom(Collection<ByteRange> done, long from, long to) {
    List<ByteRange> sorted =
        done.stream().sorted(Comparator.comparingLong(ByteRange::start)).toList();
    long pos = from;
    for (ByteRange r : sorted) {
      if (r.start() > pos) {
        break;
      }
      pos = Math.max(pos, r.end());
    }
    return Math.max(0, Math.min(pos, to) - from);
  }
}
