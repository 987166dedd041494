package dev.modelmanager.testkit.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/** Copies a response body to the client, applying the body faults on the way. */
final class BodyWriter {

  private static final int CHUNK = 64 * 1024;

  /** Thrown to make the HTTP server drop the connection after a truncated body. */
  static final class TruncatedBody extends IOException {
    TruncatedBody(long sent) {
      super("fake hub truncated the body after " + sent + " bytes");
    }
  }

  private BodyWriter() {}

  /**
   * Writes {@code length} bytes of {@code source}, whose first byte is at content offset {@code
   * contentOffset} (used to place a corruption).
   */
  static void copy(
      InputStream source,
      long length,
      long contentOffset,
      OutputStream out,
      FaultInjector.BodyFaults faults,
      LongConsumer sentBytes)
      throws IOException {
    byte[] buffer = new byte[CHUNK];
    long sent = 0;
    boolean stalled = false;
    while (sent < length) {
      if (!stalled && sent == faults.stallAfter()) {
        out.flush();
        sleep(faults.stallMillis());
        stalled = true;
      }
      if (sent == faults.truncateAfter()) {
        out.flush();
        throw new TruncatedBody(sent);
      }
      int want =
          (int)
              Math.min(
                  buffer.length, Math.min(length - sent, untilNextEvent(sent, faults, stalled)));
      int read = source.read(buffer, 0, want);
      if (read < 0) {
        throw new IOException("content ended early at " + sent + " of " + length + " bytes");
      }
      corrupt(buffer, read, contentOffset + sent, faults);
      // Counted before the write so a client that has the bytes always finds them in the log.
      sentBytes.accept(read);
      out.write(buffer, 0, read);
      sent += read;
    }
    if (!stalled && faults.stallAfter() >= 0 && sent >= faults.stallAfter()) {
      out.flush();
      sleep(faults.stallMillis());
    }
  }

  private static long untilNextEvent(long sent, FaultInjector.BodyFaults faults, boolean stalled) {
    long next = Long.MAX_VALUE;
    if (!stalled && faults.stallAfter() > sent) {
      next = faults.stallAfter() - sent;
    }
    if (faults.truncateAfter() > sent) {
      next = Math.min(next, faults.truncateAfter() - sent);
    }
    return next;
  }

  private static void corrupt(
      byte[] buffer, int count, long offset, FaultInjector.BodyFaults faults) {
    if (faults.corruptOffset() < 0) {
      return;
    }
    long from = Math.max(offset, faults.corruptOffset());
    long to = Math.min(offset + count, faults.corruptOffset() + faults.corruptLength());
    for (long at = from; at < to; at++) {
      buffer[(int) (at - offset)] ^= (byte) 0xff;
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      // A throttled or stalled body, sent as slowly as a real slow CDN would send it.
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stall interrupted");
    }
  }
}
