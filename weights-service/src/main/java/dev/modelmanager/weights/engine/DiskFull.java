package dev.modelmanager.weights.engine;

import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes to a location's disk, telling a full disk (ENOSPC, a quota) apart from a failed transfer:
 * the first is STORAGE_FULL and never retried, the second is resumed.
 */
final class DiskFull {
  private DiskFull() {}

  /** Writes all of {@code data} at {@code position}; a full disk becomes STORAGE_FULL. */
  static void write(FileChannel channel, ByteBuffer data, long position, Path file) {
    long at = position;
    try {
      while (data.hasRemaining()) {
        at += channel.write(data, at);
      }
    } catch (IOException e) {
      if (isNoSpace(e)) {
        throw new ProblemException(
            ProblemType.STORAGE_FULL,
            "The storage location ran out of space writing " + file.getFileName());
      }
      throw new ProblemException(
          ProblemType.INTERNAL, "Cannot write " + file.getFileName() + ": " + e.getMessage());
    }
  }

  /** Whether an I/O error means no space (ENOSPC) or quota (EDQUOT) left. */
  static boolean isNoSpace(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("No space left on device") || m.contains("Disk quota exceeded");
  }

  static boolean is(ProblemException e) {
    return ProblemType.STORAGE_FULL.uri().equals(e.problem().type());
  }
}
