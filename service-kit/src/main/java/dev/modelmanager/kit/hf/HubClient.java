package dev.modelmanager.kit.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.TypeArg;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Hugging Face Hub API as Model Manager uses it: the one Hub transport of every service.
 * Reactive calls here and the blocking ranged reads of {@link #rangeReader()} follow the same
 * {@link HubHops} rules (token to the Hub's origin only, redirects, retries honouring Retry-After)
 * and turn gated, private and missing repositories into the same {@link HubProblems}.
 */
@ApplicationScoped
public class HubClient {
  private static final Logger LOG = Logger.getLogger(HubClient.class);
  static final String USER_AGENT = "model-manager/0.1";

  private final HubConfig config;
  private final Vertx vertx;
  private final ObjectMapper mapper;
  private final MeterRegistry metrics;
  private final HubHops hops;
  private final String endpoint;
  private final WebClient client;
  private final HubRangeReader rangeReader;

  HubClient(HubConfig config, Vertx vertx, ObjectMapper mapper, MeterRegistry metrics) {
    this.config = config;
    this.vertx = vertx;
    this.mapper = mapper;
    this.metrics = metrics;
    this.hops =
        new HubHops(
            config.endpoint(),
            config.effectiveToken(),
            new RetryPolicy(config.maxRetries(), config.initialBackoff(), config.maxBackoff()));
    this.endpoint = hops.endpoint();
    this.rangeReader = new HubRangeReader(hops, config.connectTimeout());
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setFollowRedirects(false)
                // Identity encoding: byte ranges and sizes must be those of the file itself.
                .setTryUseCompression(false)
                .setUserAgent(USER_AGENT));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  public String endpoint() {
    return endpoint;
  }

  /** Blocking ranged reads for a download engine, under the same token/redirect/retry rules. */
  public HubRangeReader rangeReader() {
    return rangeReader;
  }

  /** One page of {@code GET /api/models}; {@code query} holds repeated parameters as lists. */
  public Uni<HubPage> listModels(Map<String, List<String>> query) {
    return listModelsAt(endpoint + "/api/models" + queryString(query));
  }

  /**
   * Whether {@code url} is a model-list page of this Hub, as {@link HubPage#nextUrl()} gives: the
   * rule an API's cursor constraint checks before a cursor reaches {@link #listModelsAt}.
   */
  public boolean isModelPageUrl(String url) {
    return url != null && url.startsWith(endpoint + "/api/models?");
  }

  /**
   * The page a previous {@link HubPage#nextUrl()} points to. Callers validate client input with
   * {@link #isModelPageUrl} (a Bean Validation constraint); a URL off the Hub here is a bug,
   * refused so the token never leaves for another host.
   */
  public Uni<HubPage> listModelsAt(String url) {
    if (!isModelPageUrl(url)) {
      return Uni.createFrom()
          .failure(new IllegalArgumentException("not a model list page of " + endpoint));
    }
    return get(url, null)
        .map(r -> new HubPage(json(r), LinkHeader.next(r.header("Link"), r.url())));
  }

  /** {@code GET /api/models/{repo}[/revision/{rev}]} with the given {@code expand[]} fields. */
  public Uni<JsonNode> modelInfo(RepoId repo, String revision, List<String> expand) {
    String path = "/api/models/" + repo + (revision == null ? "" : "/revision/" + encode(revision));
    Map<String, List<String>> q = expand.isEmpty() ? Map.of() : Map.of("expand[]", expand);
    return get(endpoint + path + queryString(q), repo).map(this::json);
  }

  /**
   * {@code GET /api/models/{repo}/refs}: {@code branches}, {@code tags} and {@code converts}, each
   * ref with its {@code name}, {@code ref} and {@code targetCommit}.
   */
  public Uni<JsonNode> refs(RepoId repo) {
    return get(endpoint + "/api/models/" + repo + "/refs", repo).map(this::json);
  }

  /**
   * The first page of {@code GET /api/models/{repo}/commits/{revision}?limit=}: the newest {@code
   * limit} commits reachable from the revision, each with {@code id}, {@code title}, {@code
   * message}, {@code date} and {@code authors} ({@code user}); {@link HubPage#nextUrl()} is set
   * when older commits exist (not followed here).
   */
  public Uni<HubPage> commits(RepoId repo, String revision, int limit) {
    String url =
        endpoint + "/api/models/" + repo + "/commits/" + encode(revision) + "?limit=" + limit;
    return get(url, repo)
        .map(r -> new HubPage(json(r), LinkHeader.next(r.header("Link"), r.url())));
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
    return treePages(url, repo, new ArrayList<>());
  }

  private Uni<List<JsonNode>> treePages(String url, RepoId repo, List<JsonNode> acc) {
    return get(url, repo)
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
    return send(HttpMethod.HEAD, url, Map.of("Accept-Encoding", "identity"), false, -1)
        .map(r -> check(r, repo, path))
        .map(
            r -> {
              boolean lfs = r.header("X-Linked-Etag") != null;
              String size = lfs ? r.header("X-Linked-Size") : r.header("Content-Length");
              return new HubFileMetadata(
                  r.header("X-Repo-Commit"),
                  HubHops.etag(r::header),
                  size == null ? -1 : Long.parseLong(size),
                  lfs);
            });
  }

  /** Bytes {@code [from, toInclusive]} of a file, following the Hub's redirect to its CDN. */
  public Uni<Buffer> range(RepoId repo, String revision, String path, long from, long toInclusive) {
    return send(
            HttpMethod.GET,
            resolveUrl(repo, revision, path),
            Map.of("Range", "bytes=" + from + "-" + toInclusive),
            true,
            toInclusive - from + 1)
        .onFailure(LimitedBodyCodec.TooLarge.class)
        .transform(
            e ->
                new ProblemException(
                    ProblemType.UPSTREAM_UNAVAILABLE,
                    "The Hub sent more of " + path + " than the range asked for"))
        .map(r -> check(r, repo, path))
        .map(HubResponse::body);
  }

  /**
   * A whole small file (config.json and the like), refusing anything over {@code maxBytes}. Asks
   * for the first {@code maxBytes + 1} bytes only and stops reading past {@code maxBytes}, so a
   * large file is never received whole.
   */
  public Uni<Buffer> download(RepoId repo, String revision, String path, long maxBytes) {
    return send(
            HttpMethod.GET,
            resolveUrl(repo, revision, path),
            Map.of("Range", "bytes=0-" + maxBytes),
            true,
            maxBytes)
        .onFailure(LimitedBodyCodec.TooLarge.class)
        .transform(e -> tooLarge(repo, path, maxBytes))
        .map(
            r -> {
              if (r.status() == 416 && "bytes */0".equals(r.header("Content-Range"))) {
                return Buffer.buffer(); // an empty file has no byte 0 to range over
              }
              check(r, repo, path);
              if (r.body() == null) {
                return Buffer.buffer();
              }
              if (r.body().length() > maxBytes) {
                throw tooLarge(repo, path, maxBytes);
              }
              return r.body();
            });
  }

  private static ProblemException tooLarge(RepoId repo, String path, long maxBytes) {
    return new ProblemException(
        ProblemType.UPSTREAM_UNAVAILABLE,
        path + " of " + repo + " is larger than " + maxBytes + " bytes");
  }

  /** The URL of a file at a revision. */
  public String resolveUrl(RepoId repo, String revision, String path) {
    return fileUrl(endpoint, repo, revision, path);
  }

  static String fileUrl(String endpoint, RepoId repo, String revision, String path) {
    return endpoint + "/" + repo + "/resolve/" + encode(revision) + "/" + encodePath(path);
  }

  private Uni<HubResponse> get(String url, RepoId repo) {
    return send(HttpMethod.GET, url, Map.of(), false, -1).map(r -> check(r, repo, null));
  }

  /** Sends with retries and redirects; answers the final response whatever its status. */
  public Uni<HubResponse> exchange(
      HttpMethod method, String url, Map<String, String> headers, boolean followAbsoluteRedirects) {
    return send(method, url, headers, followAbsoluteRedirects, -1);
  }

  private Uni<HubResponse> send(
      HttpMethod method,
      String url,
      Map<String, String> headers,
      boolean followAbsolute,
      long maxBody) {
    return attempt(method, new HubRequest(url, followAbsolute), headers, maxBody);
  }

  private Uni<HubResponse> attempt(
      HttpMethod method, HubRequest hop, Map<String, String> headers, long maxBody) {
    HttpRequest<Buffer> request =
        client
            .requestAbs(method, hop.url())
            .timeout(config.requestTimeout().toMillis())
            .followRedirects(false);
    if (maxBody >= 0) {
      request = request.as(limited(maxBody));
    }
    HttpRequest<Buffer> r = request;
    hops.authorization(hop).ifPresent(a -> r.putHeader("Authorization", a));
    headers.forEach(r::putHeader);
    metrics.counter("mm_hf_requests_total", "method", method.name()).increment();
    return r.send()
        .onItemOrFailure()
        .transformToUni(
            (response, failure) -> {
              if (failure instanceof LimitedBodyCodec.TooLarge) {
                return Uni.createFrom().failure(failure);
              }
              if (failure == null) {
                return handle(method, hop, headers, maxBody, response);
              }
              Optional<Duration> wait = hops.afterFailure(hop);
              if (wait.isEmpty()) {
                return Uni.createFrom().failure(HubProblems.unreachable(failure));
              }
              LOG.debugf("Hub request failed (%s), retry %d", failure, hop.attempt());
              return sleep(wait.get()).chain(() -> attempt(method, hop, headers, maxBody));
            });
  }

  private static BodyCodec<Buffer> limited(long maxBytes) {
    return BodyCodec.newInstance(
        new LimitedBodyCodec(maxBytes),
        new TypeArg<Buffer>(
            o -> Buffer.newInstance((io.vertx.core.buffer.Buffer) o), Buffer::getDelegate));
  }

  private Uni<HubResponse> handle(
      HttpMethod method,
      HubRequest hop,
      Map<String, String> headers,
      long maxBody,
      HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String url = hop.url();
    HubHops.Next next = hops.afterResponse(hop, status, response::getHeader);
    if (next instanceof HubHops.Follow) {
      return attempt(method, hop, headers, maxBody);
    }
    if (next instanceof HubHops.Retry retry) {
      LOG.debugf("Hub answered %d, retry %d in %s", status, hop.attempt(), retry.delay());
      return sleep(retry.delay()).chain(() -> attempt(method, hop, headers, maxBody));
    }
    return Uni.createFrom().item(new HubResponse(status, response.headers(), response.body(), url));
  }

  private Uni<Void> sleep(Duration d) {
    return Uni.createFrom()
        .emitter(e -> vertx.setTimer(Math.max(1, d.toMillis()), id -> e.complete(null)));
  }

  /** Passes 2xx/3xx through; maps the Hub's errors to problems a user can act on. */
  static HubResponse check(HubResponse r, RepoId repo, String path) {
    if (r.status() < 400) {
      return r;
    }
    throw HubProblems.of(r.status(), r.header("X-Error-Code"), repo, path);
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
}
