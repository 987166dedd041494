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

  /** How many bytes of {@code [from, to)} the union of {@code done} covers, gaps allowed. */
  public static long covered(Collection<ByteRange> done, long from, long to) {
    List<ByteRange> sorted =
        done.stream().sorted(Comparator.comparingLong(ByteRange::start)).toList();
    long total = 0;
    long pos = from;
    for (ByteRange r : sorted) {
      long start = Math.max(pos, r.start());
      long end = Math.min(to, r.end());
      if (end > start) {
        total += end - start;
        pos = end;
      }
    }
    return total;
  }
}
