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
 * {@code message}, {@code authors[].user/avatar} and {@code date}, {@value #COMMITS_PAGE} a page
 * with {@code ?p=N} and a {@code Link: rel="next"} header.
 */
final class GitRefsHandler {

  /** Commits per page, as the Hub pages its commit list. */
  static final int COMMITS_PAGE = 50;

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
    int page = Math.max(0, exchange.query().intValue("p", 0));
    int from = Math.min(history.size(), page * COMMITS_PAGE);
    int to = Math.min(history.size(), from + COMMITS_PAGE);
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
    if (to < history.size()) {
      exchange.header(
          "Link",
          "<"
              + exchange.baseUrl()
              + exchange.rawPathOnly()
              + "?p="
              + (page + 1)
              + ">; rel=\"next\"");
    }
    exchange.sendJson(200, body);
  }
}
