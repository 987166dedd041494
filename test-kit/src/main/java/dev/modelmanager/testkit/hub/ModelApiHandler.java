package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * {@code /api/models}: search, model info (also at a revision), and the repository sub-paths handed
 * to {@link TreeHandler}.
 */
final class ModelApiHandler {

  private final RepoRegistry registry;
  private final RepoAccess access;
  private final TreeHandler tree;
  private final GitRefsHandler git;
  private final IntSupplier modelsPageSize;

  ModelApiHandler(
      RepoRegistry registry, RepoAccess access, TreeHandler tree, IntSupplier modelsPageSize) {
    this.registry = registry;
    this.access = access;
    this.tree = tree;
    this.git = new GitRefsHandler(access);
    this.modelsPageSize = modelsPageSize;
  }

  void handle(HubExchange exchange) throws IOException {
    List<String> segments = exchange.segments();
    if (segments.size() == 2) {
      list(exchange);
      return;
    }
    Optional<RepoRegistry.RepoMatch> match = access.repo(exchange, 2);
    if (match.isEmpty()) {
      return;
    }
    HubRepo repo = match.get().repo();
    List<String> rest = segments.subList(2 + match.get().segmentCount(), segments.size());
    if (rest.isEmpty()) {
      info(exchange, repo, HubRepo.DEFAULT_BRANCH);
    } else if (rest.get(0).equals("revision") && rest.size() >= 2) {
      info(exchange, repo, String.join("/", rest.subList(1, rest.size())));
    } else if (rest.get(0).equals("tree") && rest.size() >= 2) {
      tree.tree(exchange, repo, rest.get(1), String.join("/", rest.subList(2, rest.size())));
    } else if (rest.get(0).equals("refs") && rest.size() == 1) {
      git.refs(exchange, repo);
    } else if (rest.get(0).equals("commits") && rest.size() >= 2) {
      git.commits(exchange, repo, String.join("/", rest.subList(1, rest.size())));
    } else if (rest.get(0).equals("paths-info") && rest.size() >= 2) {
      tree.pathsInfo(exchange, repo, String.join("/", rest.subList(1, rest.size())));
    } else {
      exchange.sendError(404, null, "Sorry, we can't find the page you are looking for.");
    }
  }

  private void info(HubExchange exchange, HubRepo repo, String revisionName) throws IOException {
    Optional<List<String>> expand = expandFields(exchange);
    if (expand.isEmpty()) {
      return;
    }
    Optional<RepoRevision> revision = access.revision(exchange, repo, revisionName);
    if (revision.isEmpty()) {
      return;
    }
    ModelJson json = new ModelJson(repo, revision.get(), exchange.query().flag("blobs"));
    exchange.sendJson(
        200,
        expand.get().isEmpty()
            ? json.render(ModelJson.INFO_FIELDS)
            : json.renderExpanded(expand.get()));
  }

  private void list(HubExchange exchange) throws IOException {
    Optional<List<String>> expand = expandFields(exchange);
    if (expand.isEmpty()) {
      return;
    }
    QueryParams query = exchange.query();
    ModelSearch.Page page =
        new ModelSearch(query, exchange.bearerToken())
            .page(registry.all(), modelsPageSize.getAsInt());
    List<String> fields = new ArrayList<>(ModelJson.LIST_FIELDS);
    if (query.flag("full")) {
      fields.addAll(ModelJson.FULL_LIST_FIELDS);
    }
    if (query.flag("config")) {
      fields.add("config");
    }
    ArrayNode body = HubExchange.JSON.createArrayNode();
    for (HubRepo repo : page.repos()) {
      ModelJson json = new ModelJson(repo, repo.main(), false);
      body.add(expand.get().isEmpty() ? json.render(fields) : json.renderExpanded(expand.get()));
    }
    if (page.hasNext()) {
      String next =
          exchange.baseUrl()
              + "/api/models?"
              + ModelSearch.withCursor(exchange.rawQuery(), page.nextOffset());
      exchange.header("Link", "<" + next + ">; rel=\"next\"");
    }
    exchange.sendJson(200, body);
  }

  /** The {@code expand} / {@code expand[]} values; empty after answering 400 for a bad one. */
  private static Optional<List<String>> expandFields(HubExchange exchange) throws IOException {
    List<String> expand = exchange.query().all("expand");
    for (int i = 0; i < expand.size(); i++) {
      if (!ModelJson.EXPANDABLE.contains(expand.get(i))) {
        String allowed = String.join(", ", new java.util.TreeSet<>(ModelJson.EXPANDABLE));
        exchange.sendError(400, null, "\"expand[" + i + "]\" must be one of [" + allowed + "]");
        return Optional.empty();
      }
    }
    return Optional.of(expand.stream().distinct().toList());
  }
}
