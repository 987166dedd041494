package dev.modelmanager.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelmanager.testkit.git.BareRepos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/**
 * A stand-in for the GitHub REST API with the documented request and response shapes of pulls
 * (create, list, get, update, merge) and issue labels. Repositories are linked to bare git
 * repositories (of a {@link dev.modelmanager.testkit.git.GitServer}) so head shas are real and a
 * merge really merges. Knobs: the accepted token (else 401 "Bad credentials"), queued faults (any
 * status, 422 answers "A pull request already exists"), a request log, and webhook delivery of
 * merges. Admin endpoints under {@code /_fake} (see {@link FakeGitHubAdmin}).
 */
public final class FakeGitHub implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PULLS = Pattern.compile("/repos/([^/]+/[^/]+)/pulls");
  private static final Pattern PULL = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)");
  private static final Pattern MERGE = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)/merge");
  private static final Pattern LABELS =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/labels");

  private final Map<String, Path> repos = new ConcurrentHashMap<>();
  private final List<PullRequest> pulls = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<ObjectNode> log = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile String token;
  private volatile String webhookUrl;
  private volatile String webhookSecret;
  private HttpServer server;

  public FakeGitHub(String token) {
    this.token = token;
  }

  /** A queued fault: the next {@code times} requests whose path contains {@code path} fail. */
  record Fault(String method, String path, int status, int[] left) {}

  public synchronized FakeGitHub start(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      server.createContext("/_fake", new FakeGitHubAdmin.Handler(this));
      server.createContext("/", this::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves {@code owner/name} backed by the bare repository at {@code bare}. */
  public FakeGitHub linkRepo(String ownerAndName, Path bare) {
    repos.put(ownerAndName, bare);
    return this;
  }

  /** Delivers {@code pull_request} events to {@code url}, signed with {@code secret}. */
  public FakeGitHub webhook(String url, String secret) {
    this.webhookUrl = url;
    this.webhookSecret = secret;
    return this;
  }

  public void token(String value) {
    this.token = value;
  }

  public void fail(String method, String pathContains, int status, int times) {
    faults.add(new Fault(method, pathContains, status, new int[] {times}));
  }

  public List<ObjectNode> requests() {
    return List.copyOf(log);
  }

  public List<PullRequest> pulls() {
    return List.copyOf(pulls);
  }

  public void reset() {
    faults.clear();
    log.clear();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      ObjectNode entry = log(method, ex, body);
      Reply reply = route(ex, method, path, body);
      entry.put("status", reply.status);
      send(ex, reply);
    }
  }

  private ObjectNode log(String method, HttpExchange ex, String body) {
    ObjectNode e = JSON.createObjectNode();
    e.put("method", method);
    e.put("path", ex.getRequestURI().getPath());
    e.put("query", ex.getRequestURI().getRawQuery());
    e.put("authorized", authorized(ex.getRequestHeaders().getFirst("Authorization")));
    e.put("body", body);
    log.add(e);
    return e;
  }

  record Reply(int status, JsonNode body) {}

  private Reply route(HttpExchange ex, String method, String path, String body) {
    if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
      return error(401, "Bad credentials");
    }
    Reply fault = fault(method, path);
    if (fault != null) {
      return fault;
    }
    try {
      Matcher m;
      if ((m = MERGE.matcher(path)).matches() && method.equals("PUT")) {
        return merge(m.group(1), Integer.parseInt(m.group(2)));
      }
      if ((m = LABELS.matcher(path)).matches() && method.equals("POST")) {
        return addLabels(m.group(1), Integer.parseInt(m.group(2)), JSON.readTree(body));
      }
      if ((m = PULL.matcher(path)).matches()) {
        PullRequest pr = find(m.group(1), Integer.parseInt(m.group(2)));
        if (pr == null) {
          return error(404, "Not Found");
        }
        if (method.equals("PATCH")) {
          update(pr, JSON.readTree(body));
        }
        return new Reply(200, json(pr));
      }
      if ((m = PULLS.matcher(path)).matches() && repos.containsKey(m.group(1))) {
        return method.equals("POST")
            ? create(m.group(1), JSON.readTree(body))
            : new Reply(200, list(m.group(1), ex.getRequestURI().getRawQuery()));
      }
    } catch (IOException e) {
      return error(400, "Problems parsing JSON");
    }
    return error(404, "Not Found");
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    String value = header.replaceFirst("(?i)^(bearer|token) ", "");
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private Reply fault(String method, String path) {
    for (Fault f : faults) {
      if ((f.method() == null || f.method().equals(method)) && path.contains(f.path())) {
        synchronized (f) {
          if (f.left()[0] > 0) {
            f.left()[0]--;
            return f.status() == 422
                ? alreadyExists("fault")
                : error(f.status(), f.status() == 401 ? "Bad credentials" : "Server Error");
          }
        }
      }
    }
    return null;
  }

  private synchronized Reply create(String repo, JsonNode req) {
    String head = req.path("head").asText();
    String branch = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
    String base = req.path("base").asText();
    if (req.path("title").asText().isBlank() || branch.isBlank() || base.isBlank()) {
      return validationFailed("missing_field", "title, head and base are required");
    }
    try (Repository git = BareRepos.open(repos.get(repo))) {
      if (BareRepos.tip(git, branch) == null) {
        return validationFailed("invalid", "head: branch " + branch + " does not exist");
      }
    }
    for (PullRequest p : pulls) {
      if (p.repo.equals(repo) && p.head.equals(branch) && p.state.equals("open")) {
        return alreadyExists(repo.substring(0, repo.indexOf('/')) + ":" + branch);
      }
    }
    PullRequest pr =
        new PullRequest(
            repo,
            pulls.size() + 1,
            branch,
            base,
            req.path("title").asText(),
            req.path("body").asText(null));
    pr.draft = req.path("draft").asBoolean(false);
    pulls.add(pr);
    return new Reply(201, json(pr));
  }

  private ArrayNode list(String repo, String rawQuery) {
    Map<String, String> q = query(rawQuery);
    String state = q.getOrDefault("state", "open");
    String head = q.get("head");
    String base = q.get("base");
    ArrayNode out = JSON.createArrayNode();
    for (PullRequest p : pulls) {
      String owner = repo.substring(0, repo.indexOf('/'));
      boolean match =
          p.repo.equals(repo)
              && (state.equals("all") || p.state.equals(state))
              && (head == null || head.equals(owner + ":" + p.head))
              && (base == null || base.equals(p.base));
      if (match) {
        out.add(json(p));
      }
    }
    return out;
  }

  private void update(PullRequest pr, JsonNode req) {
    if (req.hasNonNull("title")) {
      pr.title = req.get("title").asText();
    }
    if (req.hasNonNull("body")) {
      pr.body = req.get("body").asText();
    }
    if (req.hasNonNull("state") && !pr.merged()) {
      pr.state = req.get("state").asText();
    }
    pr.updatedAt = Instant.now();
  }

  private synchronized Reply merge(String repo, int number) {
    PullRequest pr = find(repo, number);
    if (pr == null) {
      return error(404, "Not Found");
    }
    if (!pr.state.equals("open")) {
      return error(405, "Pull Request is not mergeable");
    }
    String sha;
    try (Repository git = BareRepos.open(repos.get(repo))) {
      sha = BareRepos.merge(git, pr.base, pr.head, "Merge pull request #" + number);
    }
    if (sha == null) {
      return error(405, "Pull Request is not mergeable");
    }
    pr.state = "closed";
    pr.mergedAt = Instant.now();
    pr.mergeCommitSha = sha;
    pr.updatedAt = pr.mergedAt;
    deliver(WebhookPayloads.pullRequest("closed", json(pr), repo));
    ObjectNode n = JSON.createObjectNode();
    n.put("sha", sha).put("merged", true).put("message", "Pull Request successfully merged");
    return new Reply(200, n);
  }

  private Reply addLabels(String repo, int number, JsonNode req) {
    PullRequest pr = find(repo, number);
    if (pr == null) {
      return error(404, "Not Found");
    }
    req.path("labels")
        .forEach(
            l -> {
              if (!pr.labels.contains(l.asText())) {
                pr.labels.add(l.asText());
              }
            });
    ArrayNode out = JSON.createArrayNode();
    pr.labels.forEach(l -> out.addObject().put("name", l).put("color", "ededed"));
    return new Reply(200, out);
  }

  private void deliver(String payload) {
    String url = webhookUrl;
    if (url == null) {
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "pull_request")
            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
            .header("X-Hub-Signature-256", WebhookPayloads.signature(webhookSecret, payload))
            .POST(HttpRequest.BodyPublishers.ofString(payload))
            .build();
    // GitHub delivers asynchronously and does not wait for the receiver.
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
  }

  PullRequest find(String repo, int number) {
    return pulls.stream()
        .filter(p -> p.repo.equals(repo) && p.number == number)
        .findFirst()
        .orElse(null);
  }

  ObjectNode json(PullRequest pr) {
    try (Repository git = BareRepos.open(repos.get(pr.repo))) {
      return pr.toJson(url(), BareRepos.tip(git, pr.head), BareRepos.tip(git, pr.base));
    }
  }

  private static Reply alreadyExists(String head) {
    ObjectNode n = JSON.createObjectNode();
    n.put("message", "Validation Failed");
    n.putArray("errors")
        .addObject()
        .put("resource", "PullRequest")
        .put("code", "custom")
        .put("message", "A pull request already exists for " + head + ".");
    n.put("documentation_url", "https://docs.github.com/rest/pulls/pulls#create-a-pull-request");
    n.put("status", "422");
    return new Reply(422, n);
  }

  private static Reply validationFailed(String code, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("message", "Validation Failed");
    n.putArray("errors")
        .addObject()
        .put("resource", "PullRequest")
        .put("code", code)
        .put("message", message);
    n.put("status", "422");
    return new Reply(422, n);
  }

  static Reply error(int status, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("message", message);
    n.put("documentation_url", "https://docs.github.com/rest");
    n.put("status", String.valueOf(status));
    return new Reply(status, n);
  }

  static void send(HttpExchange ex, Reply reply) throws IOException {
    byte[] bytes = reply.body.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("X-GitHub-Api-Version-Selected", "2022-11-28");
    ex.sendResponseHeaders(reply.status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new ConcurrentHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          q.put(
              java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
