package dev.modelmanager.kit.hf;

import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one set of rules every Hub request follows, whichever HTTP stack sends it (the reactive
 * {@link HubClient} calls and the blocking {@link HubRangeReader}): which token goes where, which
 * redirects to follow and how often, what to retry and how long to wait (Retry-After first).
 *
 * <p>The token goes to the Hub's own origin only (scheme, host and port of the endpoint), and never
 * to a URL reached through an absolute redirect: that is a pre-signed CDN link that needs none.
 */
public final class HubHops {
  /** The Hub redirects renamed repos and LFS files once or twice; more means a loop. */
  public static final int MAX_REDIRECTS = 5;

  private final String endpoint;
  private final String origin;
  private final Optional<String> token;
  private final RetryPolicy retry;

  public HubHops(String endpoint, Optional<String> token, RetryPolicy retry) {
    this.endpoint = endpoint.replaceAll("/+$", "");
    this.origin = origin(this.endpoint);
    this.token = token.filter(t -> !t.isBlank());
    this.retry = retry;
  }

  public String endpoint() {
    return endpoint;
  }

  public RetryPolicy retry() {
    return retry;
  }

  /** The {@code Authorization} value for the current hop of {@code request}, if any. */
  public Optional<String> authorization(HubRequest request) {
    if (token.isEmpty() || request.leftTheHub() || !origin.equals(origin(request.url()))) {
      return Optional.empty();
    }
    return Optional.of("Bearer " + token.get());
  }

  /** What to do after the current hop answered. */
  public sealed interface Next {}

  /** Send again to {@link HubRequest#url()}, which now names the redirect target. */
  public record Follow() implements Next {}

  /** Wait, then send the same hop again. */
  public record Retry(Duration delay) implements Next {}

  /** This response is the answer (success or a problem for {@link HubProblems}). */
  public record Done() implements Next {}

  /**
   * Decides after a response: follows a redirect (relative ones always, absolute ones when the
   * request allows it), retries 429/5xx honouring Retry-After, or stops. {@code header} reads the
   * response's headers. Throws when the Hub redirects more than {@link #MAX_REDIRECTS} times.
   */
  public Next afterResponse(HubRequest request, int status, UnaryOperator<String> header) {
    String location = header.apply("Location");
    if (status >= 300 && status < 400 && location != null) {
      boolean absolute = URI.create(location).isAbsolute();
      if (!absolute || request.followsAbsoluteRedirects()) {
        if (request.redirects() >= MAX_REDIRECTS) {
          throw new ProblemException(
              ProblemType.UPSTREAM_UNAVAILABLE, "The Hub redirected too often");
        }
        request.redirectTo(URI.create(request.url()).resolve(location).toString(), absolute);
        return new Follow();
      }
    }
    if (RetryPolicy.retryable(status) && request.attempt() <= retry.maxRetries()) {
      Duration wait =
          retry.delay(request.attempt(), RetryPolicy.parseRetryAfter(header.apply("Retry-After")));
      request.nextAttempt();
      return new Retry(wait);
    }
    return new Done();
  }

  /** Decides after a connection failure: a wait before the next try, or empty to give up. */
  public Optional<Duration> afterFailure(HubRequest request) {
    if (request.attempt() > retry.maxRetries()) {
      return Optional.empty();
    }
    Duration wait = retry.delay(request.attempt(), Optional.empty());
    request.nextAttempt();
    return Optional.of(wait);
  }

  /**
   * The file's hash as the Hub announces it: {@code X-Linked-Etag} (sha256 of LFS files), else
   * {@code ETag} (git blob sha1), without quotes or weak prefix.
   */
  public static String etag(UnaryOperator<String> header) {
    String linked = header.apply("X-Linked-Etag");
    String etag = linked != null ? linked : header.apply("ETag");
    if (etag == null) {
      return null;
    }
    return (etag.startsWith("W/") ? etag.substring(2) : etag).replace("\"", "");
  }

  private static String origin(String url) {
    URI u = URI.create(url);
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort();
    if (port < 0) {
      port = "https".equals(scheme) ? 443 : 80;
    }
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }
}
