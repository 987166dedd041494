package dev.modelmanager.kit.hf;

import dev.modelmanager.model.hf.RepoId;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Blocking ranged reads of Hub files for a download engine, under the same {@link HubHops} rules as
 * the reactive calls. HttpURLConnection on purpose: it has a socket read timeout (a stalled CDN is
 * noticed without a watchdog) and {@link HttpURLConnection#disconnect()} from another thread aborts
 * a read at once (cancel); neither the JDK HttpClient nor the Vert.x client offer both to a
 * blocking reader.
 */
public final class HubRangeReader {
  private static final Logger LOG = Logger.getLogger(HubRangeReader.class);

  private final HubHops hops;
  private final Duration connectTimeout;

  HubRangeReader(HubHops hops, Duration connectTimeout) {
    this.hops = hops;
    this.connectTimeout = connectTimeout;
  }

  /** An open body of the requested bytes, and the hash the Hub announced for the file. */
  public record RangeStream(HttpURLConnection connection, InputStream body, String etag)
      implements Closeable {
    /** Aborts the transfer; safe from any thread. */
    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException e) {
        // Already broken; disconnecting is all that is left.
      }
      connection.disconnect();
    }
  }

  /**
   * Opens bytes {@code [from, toExclusive)} of {@code path} at {@code commit} (the whole file when
   * {@code toExclusive <= from}). {@code onOpen} receives a closer for each connection before its
   * headers are awaited, so a canceller can abort it. Answers a problem for final 4xx/5xx, an
   * IOException for a broken connection or an unexpected range (the caller resumes), and {@link
   * TransferCancelledException} once {@code cancelled} says so.
   */
  public RangeStream open(
      RepoId repo,
      String commit,
      String path,
      long from,
      long toExclusive,
      Duration readTimeout,
      BooleanSupplier cancelled,
      Consumer<Closeable> onOpen)
      throws IOException {
    HubRequest request =
        new HubRequest(HubClient.fileUrl(hops.endpoint(), repo, commit, path), true);
    String etag = null;
    while (true) {
      checkCancelled(cancelled);
      HttpURLConnection c = connect(request, from, toExclusive, readTimeout);
      onOpen.accept(c::disconnect);
      // A canceller that ran before the connection was registered could not close it; and
      // disconnect() before the connection exists does nothing. Either way, stop before connecting.
      checkCancelled(cancelled);
      int status = c.getResponseCode();
      etag = etag != null ? etag : HubHops.etag(c::getHeaderField);
      if (status == 206 || (status == 200 && from == 0)) {
        checkRange(c, status, from);
        return new RangeStream(c, c.getInputStream(), etag);
      }
      drain(c);
      HubHops.Next next = hops.afterResponse(request, status, c::getHeaderField);
      if (next instanceof HubHops.Retry retry) {
        LOG.debugf("%s answered %d, retry in %s", path, status, retry.delay());
        sleep(retry.delay(), cancelled);
      } else if (next instanceof HubHops.Done) {
        throw HubProblems.of(status, c.getHeaderField("X-Error-Code"), repo, path);
      }
    }
  }

  private HttpURLConnection connect(
      HubRequest request, long from, long toExclusive, Duration readTimeout) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(request.url()).toURL().openConnection();
    c.setInstanceFollowRedirects(false);
    c.setConnectTimeout((int) connectTimeout.toMillis());
    c.setReadTimeout((int) readTimeout.toMillis());
    c.setRequestProperty("User-Agent", HubClient.USER_AGENT);
    c.setRequestProperty("Accept-Encoding", "identity");
    if (toExclusive > from) {
      c.setRequestProperty("Range", "bytes=" + from + "-" + (toExclusive - 1));
    }
    hops.authorization(request).ifPresent(a -> c.setRequestProperty("Authorization", a));
    return c;
  }

  private static void checkRange(HttpURLConnection c, int status, long from) throws IOException {
    if (status != 206) {
      return;
    }
    String range = c.getHeaderField("Content-Range");
    if (range == null || !range.startsWith("bytes " + from + "-")) {
      c.disconnect();
      throw new IOException("unexpected Content-Range " + range + " for offset " + from);
    }
  }

  /** Waits {@code d}, waking early (with {@link TransferCancelledException}) when cancelled. */
  public static void sleep(Duration d, BooleanSupplier cancelled) {
    long until = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < until) {
      checkCancelled(cancelled);
      try {
        // Polls the cancel flag every 100 ms: callers hold no monitor a canceller could signal.
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransferCancelledException();
      }
    }
  }

  private static void checkCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw new TransferCancelledException();
    }
  }

  private static void drain(HttpURLConnection c) {
    try (InputStream in = Optional.ofNullable(c.getErrorStream()).orElse(c.getInputStream())) {
      in.readNBytes(64 * 1024);
    } catch (IOException e) {
      // Nothing to keep alive.
    }
  }
}
