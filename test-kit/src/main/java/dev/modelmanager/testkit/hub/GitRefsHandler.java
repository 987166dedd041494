package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/models/{repo}/refs} and {@code GET /api/models/{repo}/commits/{rev}} as the Hub
 * answers them: branches and tags with their {@code targetCommit} ({@code converts} always, {@code
 * pullRequests} with {@code include_prs=1}); commits newest first with {@code id}, {@code title},
 * {@code message}, {@code authors[].user/avatar} and {@code date}, {@code limit} a page (default
 * {@value #COMMITS_PAGE}), {@code ?p=N} pages with a {@code Link: rel="next"} header, and the
 * history's length in {@code X-Total-Count} (what {@code @huggingface/hub}'s countCommits reads).
 */
final class GitRefsHandler {

  /** Commits per page without {@code limit}. */
  static final int COMMITS_PAGE = 50;

  /** The largest {@code limit} honoured. */
  static final int MAX_LIMIT = 1000;

  private final RepoAccess access;

  GitRefsHandler(RepoAccess access) {
    this.access = access;
  }

  void refs(HubExchange exchange, HubRepo repo) throws IOException {
    ObjectNode body = HubExchange.JSON.createObjectNode();
    ArrayNode branches = body.putArray("branches");
    body.putArray("converts");
    ArrayNode tags = body.putArray("tags");
    for (RepoRevision r : repo.revisions().values()) {
      ObjectNode ref = (r.isTag() ? tags : branches).addObject();
      ref.put("name", r.name());
      ref.put("ref", (r.isTag() ? "refs/tags/" : "refs/heads/") + r.name());
      ref.put("targetCommit", r.sha());
    }
    if (exchange.query().flag("include_prs")) {
      body.putArray("pullRequests");
    }
    exchange.sendJson(200, body);
  }

  void commits(HubExchange exchange, HubRepo repo, String revisionName) throws IOException {
    Optional<RepoRevision> revision = access.revision(exchange, repo, revisionName);
    if (revision.isEmpty()) {
      return;
    }
    List<HubCommit> history = revision.get().history();
    String limitParam = exchange.query().first("limit");
    int size = Math.max(1, Math.min(MAX_LIMIT, exchange.query().intValue("limit", COMMITS_PAGE)));
    int page = Math.max(0, exchange.query().intValue("p", 0));
    int from = (int) Math.min(history.size(), (long) page * size);
    int to = Math.min(history.size(), from + size);
    ArrayNode body = HubExchange.JSON.createArrayNode();
    for (HubCommit c : history.subList(from, to)) {
      ObjectNode commit = body.addObject();
      commit.put("id", c.sha());
      commit.put("title", c.title());
      commit.put("message", c.message());
      ObjectNode author = commit.putArray("authors").addObject();
      author.put("user", c.author());
      author.put("avatar", "/avatars/" + Hashes.sha1Hex(c.author()).substring(0, 32) + ".svg");
      commit.put("date", DateTimeFormatter.ISO_INSTANT.format(c.date()));
    }
    exchange.header("X-Total-Count", Integer.toString(history.size()));
    if (to < history.size()) {
      exchange.header(
          "Link",
          "<"
              + exchange.baseUrl()
              + exchange.rawPathOnly()
              + "?p="
              + (page + 1)
              + (limitParam == null ? "" : "&limit=" + size)
              + ">; rel=\"next\"");
    }
    exchange.sendJson(200, body);
  }
}
