package dev.modelmanager.testkit.hub;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request the fake hub received. It is recorded when the request arrives, so a client that got
 * its answer always finds it; status and byte count fill in while the answer is sent.
 */
public final class RecordedRequest {

  private final Instant receivedAt;
  private final String method;
  private final String path;
  private final String query;
  private final String range;
  private final String token;
  private volatile int status;
  private final AtomicLong bytesSent = new AtomicLong();

  RecordedRequest(String method, String path, String query, String range, String token) {
    this.receivedAt = Instant.now();
    this.method = method;
    this.path = path;
    this.query = query;
    this.range = range;
    this.token = token;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  /** HTTP method, e.g. {@code GET} or {@code HEAD}. */
  public String method() {
    return method;
  }

  /** Decoded request path, e.g. {@code /org/name/resolve/main/config.json}. */
  public String path() {
    return path;
  }

  /** Raw query string, or null. */
  public String query() {
    return query;
  }

  /** The {@code Range} header, or null. */
  public String range() {
    return range;
  }

  /** The bearer token sent (fake tokens only), or null. */
  public String token() {
    return token;
  }

  /** Response status; 0 while no status line was sent. */
  public int status() {
    return status;
  }

  /** Body bytes written so far. */
  public long bytesSent() {
    return bytesSent.get();
  }

  void status(int value) {
    this.status = value;
  }

  void addBytes(long count) {
    bytesSent.addAndGet(count);
  }

  @Override
  public String toString() {
    return method
        + " "
        + path
        + (query == null ? "" : "?" + query)
        + " -> "
        + status
        + " ("
        + bytesSent()
        + " bytes)";
  }
}
