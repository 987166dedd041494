package dev.modelmanager.weights.client;

import dev.modelmanager.kit.hf.HubConfig;
import dev.modelmanager.kit.hf.RetryPolicy;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.weights.config.WeightsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Streaming ranged GETs of Hub files for the download engine. Blocking on purpose: each transfer
 * runs on an engine thread, a socket read timeout detects stalls, and {@link Transfer#close()} from
 * another thread aborts the connection at once (cancel). Follows the Hub's redirects to its CDN,
 * sending the token to the Hub's own origin only, and retries 429/5xx honouring Retry-After with
 * the shared {@link RetryPolicy}.
 */
@ApplicationScoped
public class HubDownloader {
  private static final Logger LOG = Logger.getLogger(HubDownloader.class);
  private static final int MAX_REDIRECTS = 5;

  private final HubConfig hub;
  private final RetryPolicy retry;
  private final int readTimeoutMillis;
  private final String endpoint;

  HubDownloader(HubConfig hub, WeightsConfig config) {
    this.hub = hub;
    this.retry = new RetryPolicy(hub.maxRetries(), hub.initialBackoff(), hub.maxBackoff());
    this.readTimeoutMillis = (int) config.download().stallTimeout().toMillis();
    this.endpoint = hub.endpoint().replaceAll("/+$", "");
  }

  /** An open response body of bytes {@code [from, ...)} and what the Hub said about the file. */
  public record Transfer(HttpURLConnection connection, InputStream body, String etag)
      implements Closeable {
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
   * Opens bytes {@code [from, toExclusive)} of {@code path} at {@code commit}. {@code onOpen} sees
   * the live connection first so a canceller can abort it while headers are awaited.
   */
  public Transfer open(
      RepoId repo,
      String commit,
      String path,
      long from,
      long toExclusive,
      BooleanSupplier cancelled,
      Consumer<HttpURLConnection> onOpen)
      throws IOException {
    String first = endpoint + "/" + repo + "/resolve/" + commit + "/" + encodePath(path);
    for (int attempt = 1; ; attempt++) {
      String url = first;
      String etag = null;
      for (int redirects = 0; ; redirects++) {
        checkCancelled(cancelled);
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout((int) hub.connectTimeout().toMillis());
        c.setReadTimeout(readTimeoutMillis);
        c.setRequestProperty("User-Agent", "model-manager/0.1");
        c.setRequestProperty("Accept-Encoding", "identity");
        if (toExclusive > from) {
          c.setRequestProperty("Range", "bytes=" + from + "-" + (toExclusive - 1));
        }
        if (hub.token().isPresent()
            && !hub.token().get().isBlank()
            && url.startsWith(endpoint + "/")) {
          c.setRequestProperty("Authorization", "Bearer " + hub.token().get());
        }
        onOpen.accept(c);
        int status = c.getResponseCode();
        etag = etag != null ? etag : etagOf(c);
        String location = c.getHeaderField("Location");
        if (status >= 300 && status < 400 && location != null) {
          drain(c);
          if (redirects >= MAX_REDIRECTS) {
            throw new ProblemException(
                ProblemType.UPSTREAM_UNAVAILABLE, "The Hub redirected too often");
          }
          url = URI.create(url).resolve(location).toString();
          continue;
        }
        if (status == 206 || (status == 200 && from == 0)) {
          checkRange(c, status, from);
          return new Transfer(c, c.getInputStream(), etag);
        }
        drain(c);
        if (RetryPolicy.retryable(status) && attempt <= retry.maxRetries()) {
          Duration wait =
              retry.delay(attempt, RetryPolicy.parseRetryAfter(c.getHeaderField("Retry-After")));
          LOG.debugf("%s answered %d, retry %d in %s", path, status, attempt, wait);
          sleep(wait, cancelled);
          break;
        }
        throw problem(status, c.getHeaderField("X-Error-Code"), repo, path);
      }
    }
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

  private static String etagOf(HttpURLConnection c) {
    String linked = c.getHeaderField("X-Linked-Etag");
    String etag = linked != null ? linked : c.getHeaderField("ETag");
    if (etag == null) {
      return null;
    }
    return (etag.startsWith("W/") ? etag.substring(2) : etag).replace("\"", "");
  }

  /** Waits {@code d}, waking early when cancelled. */
  public static void sleep(Duration d, BooleanSupplier cancelled) throws IOException {
    long until = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < until) {
      checkCancelled(cancelled);
      try {
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException();
      }
    }
  }

  private static void checkCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw new CancelledException();
    }
  }

  private static void drain(HttpURLConnection c) {
    try (InputStream in = Optional.ofNullable(c.getErrorStream()).orElse(c.getInputStream())) {
      in.readNBytes(64 * 1024);
    } catch (IOException e) {
      // Nothing to keep alive.
    }
  }

  static ProblemException problem(int status, String code, RepoId repo, String path) {
    if (status == 404) {
      return ProblemException.notFound("The file " + path + " does not exist in " + repo);
    }
    if (status == 401 || status == 403 || "GatedRepo".equals(code)) {
      return new ProblemException(
          ProblemType.HUB_ACCESS_DENIED,
          repo + " is gated or private: accept its license on the Hub and set HF_TOKEN");
    }
    if (status == 429) {
      return new ProblemException(
          ProblemType.UPSTREAM_RATE_LIMITED, "The Hub kept rate limiting downloads of " + path);
    }
    return new ProblemException(
        ProblemType.UPSTREAM_UNAVAILABLE, "The Hub answered " + status + " for " + path);
  }

  static String encodePath(String path) {
    StringBuilder b = new StringBuilder();
    for (String segment : path.split("/")) {
      if (!b.isEmpty()) {
        b.append('/');
      }
      b.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return b.toString();
  }

  /** The transfer was cancelled or abandoned by its job. */
  public static final class CancelledException extends RuntimeException {
    public CancelledException() {
      super("cancelled", null, false, false);
    }
  }
}
