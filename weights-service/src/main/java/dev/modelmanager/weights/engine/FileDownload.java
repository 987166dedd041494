package dev.modelmanager.weights.engine;

import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.weights.domain.ByteRange;
import dev.modelmanager.weights.domain.HubPath;
import dev.modelmanager.weights.domain.PartPlanner.Part;
import dev.modelmanager.weights.domain.PlannedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One file of an install on its way into {@code blobs/{hash}.incomplete}: its parts, which are on
 * disk, and a digest fed in file order as parts complete (so verifying costs no extra pass).
 */
final class FileDownload {
  final PlannedFile file;
  final List<Part> parts;
  final Path incomplete;
  private final boolean[] done;
  final AtomicLongArray partBytes;
  private int nextToHash;
  private boolean hashing;
  private MessageDigest digest;
  private FileChannel channel;

  /** The persisted ranges found at {@link #open}, clipped to the file's length. */
  private List<ByteRange> restored = List.of();

  int mismatches;
  volatile boolean verified;

  private final IncompleteFiles files;

  FileDownload(PlannedFile file, List<Part> parts, Path incomplete, IncompleteFiles files) {
    this.files = files;
    this.file = file;
    this.parts = parts;
    this.incomplete = incomplete;
    this.done = new boolean[parts.size()];
    this.partBytes = new AtomicLongArray(parts.size());
  }

  /**
   * Opens the {@code .incomplete} file and a fresh digest; marks parts the persisted {@code onDisk}
   * ranges cover as done, and a part they cover in part as resumable after those bytes (the ranges
   * may come from another part size). Bytes they cover further into a part are skipped when the
   * transfer reaches them ({@link #gapEnd}, {@link #resumeAt}).
   */
  synchronized void open(java.util.Collection<ByteRange> onDisk) throws IOException {
    Files.createDirectories(incomplete.getParent());
    channel = files.open(incomplete);
    digest = newDigest();
    nextToHash = 0;
    long size = channel.size();
    restored =
        onDisk.stream()
            .filter(r -> r.start() < size)
            .map(r -> new ByteRange(r.start(), Math.min(r.end(), size)))
            .toList();
    for (Part p : parts) {
      long covered = ByteRange.coveredFrom(restored, p.offset(), p.end());
      done[p.index()] = covered == p.length();
      partBytes.set(p.index(), covered);
    }
  }

  /**
   * Where the transfer of {@code part} continues: after the bytes it has, and after restored bytes
   * that follow them (which then count as the part's).
   */
  long resumeAt(Part part) {
    long pos = part.offset() + partBytes.get(part.index());
    long covered = ByteRange.coveredFrom(restored, pos, part.end());
    if (covered > 0) {
      partBytes.addAndGet(part.index(), covered);
    }
    return pos + covered;
  }

  /** Where a transfer from {@code pos} stops: the next restored range, or {@code end}. */
  long gapEnd(long pos, long end) {
    long to = end;
    for (ByteRange r : restored) {
      if (r.start() > pos && r.start() < to) {
        to = r.start();
      }
    }
    return to;
  }

  FileChannel channel() {
    return channel;
  }

  synchronized boolean isDone(int index) {
    return done[index];
  }

  synchronized void markDone(int index) {
    done[index] = true;
  }

  long bytes() {
    long sum = 0;
    for (int i = 0; i < partBytes.length(); i++) {
      sum += partBytes.get(i);
    }
    return sum;
  }

  /**
   * Feeds completed parts to the digest in order. Returns the hex digest once every part is hashed,
   * null while parts are missing or another thread is hashing.
   */
  String advance() throws IOException {
    synchronized (this) {
      if (hashing) {
        return null;
      }
      hashing = true;
    }
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    try {
      while (true) {
        Part next;
        synchronized (this) {
          if (nextToHash >= parts.size()) {
            hashing = false;
            return HexFormat.of().formatHex(digest.digest());
          }
          if (!done[nextToHash]) {
            hashing = false;
            return null;
          }
          next = parts.get(nextToHash);
        }
        long pos = next.offset();
        while (pos < next.end()) {
          buffer.clear().limit((int) Math.min(buffer.capacity(), next.end() - pos));
          int n = channel.read(buffer, pos);
          if (n < 0) {
            throw new IOException(incomplete + " is shorter than its completed parts");
          }
          digest.update(buffer.array(), 0, n);
          pos += n;
        }
        synchronized (this) {
          nextToHash++;
        }
      }
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        hashing = false;
      }
      throw e;
    }
  }

  /** Refuses a transfer whose announced hash (a sha256 or git sha1) is not the planned blob. */
  void checkEtag(String etag) {
    if (etag != null && HubPath.isBlobName(etag) && !etag.equals(file.blob())) {
      throw new ProblemException(
          ProblemType.CHECKSUM_MISMATCH,
          "The Hub announces checksum "
              + etag
              + " for "
              + file.path()
              + " but its tree says "
              + file.blob());
    }
  }

  synchronized void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // Closing a file we only read or wrote; nothing to recover.
    }
  }

  private MessageDigest newDigest() {
    try {
      if (file.lfs()) {
        return MessageDigest.getInstance("SHA-256");
      }
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + file.size() + "\0").getBytes(StandardCharsets.US_ASCII));
      return sha1;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
