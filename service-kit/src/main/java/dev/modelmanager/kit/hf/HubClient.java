package dev.modelmanager.kit.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The Hugging Face Hub API as Model Manager uses it. Retries idempotent requests with backoff that
 * honours Retry-After, follows the Hub's relative redirects (renamed repos), and turns gated,
 * private and missing repositories into clear problems. The token is sent to the Hub's own origin
 * only, never to a CDN it redirects to.
 */
@ApplicationScoped
public class HubClient {
  private static final Logger LOG = Logger.getLogger(HubClient.class);
  private static final int MAX_REDIRECTS = 5;

  private final HubConfig config;
  private final Vertx vertx;
  private final ObjectMapper mapper;
  private final MeterRegistry metrics;
  private final RetryPolicy retry;
  private final String endpoint;
  private final WebClient client;

  HubClient(HubConfig config, Vertx vertx, ObjectMapper mapper, MeterRegistry metrics) {
    this.config = config;
    this.vertx = vertx;
    this.mapper = mapper;
    this.metrics = metrics;
    this.retry = new RetryPolicy(config.maxRetries(), config.initialBackoff(), config.maxBackoff());
    this.endpoint = config.endpoint().replaceAll("/+$", "");
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setFollowRedirects(false)
                // Identity encoding: byte ranges and sizes must be those of the file itself.
                .setTryUseCompression(false)
                .setUserAgent("model-manager/0.1"));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  public String endpoint() {
    return endpoint;
  }

  /** One page of {@code GET /api/models}; {@code query} holds repeated parameters as lists. */
  public Uni<HubPage> listModels(Map<String, List<String>> query) {
    return listModelsAt(endpoint + "/api/models" + queryString(query));
  }

  /** The page a previous {@link HubPage#nextUrl()} points to (validated to be on the Hub). */
  public Uni<HubPage> listModelsAt(String url) {
    if (!url.startsWith(endpoint + "/")) {
      return Uni.createFrom()
          .failure(ProblemException.badRequest("cursor does not point at the Hub"));
    }
    return get(url, Map.of(), null)
        .map(r -> new HubPage(json(r), LinkHeader.next(r.header("Link"), r.url())));
  }

  /** {@code GET /api/models/{repo}[/revision/{rev}]} with the given {@code expand[]} fields. */
  public Uni<JsonNode> modelInfo(RepoId repo, String revision, List<String> expand) {
    String path = "/api/models/" + repo + (revision == null ? "" : "/revision/" + encode(revision));
    Map<String, List<String>> q = expand.isEmpty() ? Map.of() : Map.of("expand[]", expand);
    return get(endpoint + path + queryString(q), Map.of(), repo).map(this::json);
  }

  /** Every entry of the repository tree at {@code revision}, following pagination. */
  public Uni<List<JsonNode>> tree(RepoId repo, String revision) {
    String url =
        endpoint
            + "/api/models/"
            + repo
            + "/tree/"
            + encode(revision)
            + "?recursive=true&expand=false";
    return treePages(url, repo, new java.util.ArrayList<>());
  }

  private Uni<List<JsonNode>> treePages(String url, RepoId repo, List<JsonNode> acc) {
    return get(url, Map.of(), repo)
        .chain(
            r -> {
              json(r).forEach(acc::add);
              String next = LinkHeader.next(r.header("Link"), r.url());
              return next == null ? Uni.createFrom().item(acc) : treePages(next, repo, acc);
            });
  }

  /** {@code HEAD resolve/{rev}/{path}}: commit, etag and size, without downloading the file. */
  public Uni<HubFileMetadata> fileMetadata(RepoId repo, String revision, String path) {
    String url = resolveUrl(repo, revision, path);
    return exchange(HttpMethod.HEAD, url, Map.of("Accept-Encoding", "identity"), false)
        .map(r -> check(r, repo))
        .map(
            r -> {
              boolean lfs = r.header("X-Linked-Etag") != null;
              String etag = unquote(lfs ? r.header("X-Linked-Etag") : r.header("ETag"));
              String size = lfs ? r.header("X-Linked-Size") : r.header("Content-Length");
              return new HubFileMetadata(
                  r.header("X-Repo-Commit"), etag, size == null ? -1 : Long.parseLong(size), lfs);
            });
  }

  /** Bytes {@code [from, toInclusive]} of a file, following the Hub's redirect to its CDN. */
  public Uni<Buffer> range(RepoId repo, String revision, String path, long from, long toInclusive) {
    return exchange(
            HttpMethod.GET,
            resolveUrl(repo, revision, path),
            Map.of("Range", "bytes=" + from + "-" + toInclusive),
            true)
        .map(r -> check(r, repo))
        .map(HubResponse::body);
  }

  /** A whole small file (config.json and the like), refusing anything over {@code maxBytes}. */
  public Uni<Buffer> download(RepoId repo, String revision, String path, long maxBytes) {
    return exchange(HttpMethod.GET, resolveUrl(repo, revision, path), Map.of(), true)
        .map(r -> check(r, repo))
        .map(
            r -> {
              if (r.body() == null) {
                return Buffer.buffer();
              }
              if (r.body().length() > maxBytes) {
                throw new ProblemException(
                    ProblemType.UPSTREAM_UNAVAILABLE,
                    path + " of " + repo + " is larger than " + maxBytes + " bytes");
              }
              return r.body();
            });
  }

  /** The URL of a file at a revision. */
  public String resolveUrl(RepoId repo, String revision, String path) {
    return endpoint + "/" + repo + "/resolve/" + encode(revision) + "/" + encodePath(path);
  }

  private Uni<HubResponse> get(String url, Map<String, String> headers, RepoId repo) {
    return exchange(HttpMethod.GET, url, headers, false).map(r -> check(r, repo));
  }

  /** Sends with retries and redirects; answers the final response whatever its status. */
  public Uni<HubResponse> exchange(
      HttpMethod method, String url, Map<String, String> headers, boolean followAbsoluteRedirects) {
    return attempt(method, url, headers, followAbsoluteRedirects, 0, 1);
  }

  private Uni<HubResponse> attempt(
      HttpMethod method,
      String url,
      Map<String, String> headers,
      boolean followAbsolute,
      int redirects,
      int attempt) {
    HttpRequest<Buffer> request =
        client
            .requestAbs(method, url)
            .timeout(config.requestTimeout().toMillis())
            .followRedirects(false);
    Optional<String> token = config.effectiveToken();
    if (token.isPresent() && url.startsWith(endpoint + "/")) {
      request.putHeader("Authorization", "Bearer " + token.get());
    }
    headers.forEach(request::putHeader);
    metrics.counter("mm_hf_requests_total", "method", method.name()).increment();
    return request
        .send()
        .onItemOrFailure()
        .transformToUni(
            (response, failure) -> {
              if (failure == null) {
                return handle(method, url, headers, followAbsolute, redirects, attempt, response);
              }
              if (attempt > retry.maxRetries()) {
                return Uni.createFrom().failure(unreachable(failure));
              }
              LOG.debugf("Hub request failed (%s), retry %d", failure.toString(), attempt);
              return sleep(retry.delay(attempt, Optional.empty()))
                  .chain(
                      () -> attempt(method, url, headers, followAbsolute, redirects, attempt + 1));
            });
  }

  private Uni<HubResponse> handle(
      HttpMethod method,
      String url,
      Map<String, String> headers,
      boolean followAbsolute,
      int redirects,
      int attempt,
      HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String location = response.getHeader("Location");
    if (status >= 300 && status < 400 && location != null) {
      boolean relative = !location.contains("://");
      if (relative || followAbsolute) {
        if (redirects >= MAX_REDIRECTS) {
          return Uni.createFrom()
              .failure(
                  new ProblemException(
                      ProblemType.UPSTREAM_UNAVAILABLE, "The Hub redirected too often"));
        }
        String next = URI.create(url).resolve(location).toString();
        return attempt(method, next, headers, followAbsolute, redirects + 1, 1);
      }
    }
    if (RetryPolicy.retryable(status) && attempt <= retry.maxRetries()) {
      Duration wait =
          retry.delay(attempt, RetryPolicy.parseRetryAfter(response.getHeader("Retry-After")));
      LOG.debugf("Hub answered %d, retry %d in %s", status, attempt, wait);
      return sleep(wait)
          .chain(() -> attempt(method, url, headers, followAbsolute, redirects, attempt + 1));
    }
    return Uni.createFrom().item(new HubResponse(status, response.headers(), response.body(), url));
  }

  private Uni<Void> sleep(Duration d) {
    return Uni.createFrom()
        .emitter(e -> vertx.setTimer(Math.max(1, d.toMillis()), id -> e.complete(null)));
  }

  /** Passes 2xx/3xx through; maps the Hub's errors to problems a user can act on. */
  HubResponse check(HubResponse r, RepoId repo) {
    int s = r.status();
    if (s < 400) {
      return r;
    }
    String code = r.header("X-Error-Code");
    String what = repo == null ? "the Hub" : repo.toString();
    if ("RepoNotFound".equals(code) || (s == 404 && code == null)) {
      throw ProblemException.notFound(
          "No model "
              + what
              + " on the Hub; if it is private, set HF_TOKEN to a token that can read it");
    }
    if ("EntryNotFound".equals(code)) {
      throw ProblemException.notFound("The file does not exist in " + what);
    }
    if ("RevisionNotFound".equals(code)) {
      throw ProblemException.notFound("The revision does not exist in " + what);
    }
    if ("GatedRepo".equals(code) || s == 401 || s == 403) {
      throw new ProblemException(
          ProblemType.HUB_ACCESS_DENIED,
          what
              + " is gated or private: accept its license on the Hub and set HF_TOKEN to a token of that account");
    }
    if (s == 429) {
      throw new ProblemException(
          ProblemType.UPSTREAM_RATE_LIMITED, "The Hub is rate limiting requests; try again later");
    }
    throw new ProblemException(ProblemType.UPSTREAM_UNAVAILABLE, "The Hub answered " + s);
  }

  private static ProblemException unreachable(Throwable failure) {
    if (failure instanceof TimeoutException
        || failure instanceof io.netty.handler.timeout.TimeoutException) {
      return new ProblemException(ProblemType.UPSTREAM_TIMEOUT, "The Hub did not answer in time");
    }
    return new ProblemException(
        ProblemType.UPSTREAM_UNAVAILABLE,
        "The Hub is not reachable: " + failure.getClass().getSimpleName());
  }

  private JsonNode json(HubResponse r) {
    try {
      return mapper.readTree(r.bodyText());
    } catch (IOException e) {
      throw new ProblemException(
          ProblemType.UPSTREAM_UNAVAILABLE, "The Hub answered something that is not JSON");
    }
  }

  /** A query string ({@code ?a=1&b=2}) with every value encoded; lists repeat their key. */
  public static String queryString(Map<String, List<String>> query) {
    StringBuilder b = new StringBuilder();
    query.forEach(
        (k, values) ->
            values.forEach(
                v ->
                    b.append(b.isEmpty() ? '?' : '&')
                        .append(encode(k))
                        .append('=')
                        .append(encode(v))));
    return b.toString();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String encodePath(String path) {
    StringBuilder b = new StringBuilder();
    for (String segment : path.split("/")) {
      if (!b.isEmpty()) {
        b.append('/');
      }
      b.append(encode(segment));
    }
    return b.toString();
  }

  private static String unquote(String etag) {
    if (etag == null) {
      return null;
    }
    String e = etag.startsWith("W/") ? etag.substring(2) : etag;
    return e.replace("\"", "");
  }
}
