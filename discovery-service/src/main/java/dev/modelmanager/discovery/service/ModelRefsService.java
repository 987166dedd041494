package dev.modelmanager.discovery.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.kit.hf.HubClient;
import dev.modelmanager.model.hf.RepoId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A repository's git refs and recent commits, read from the Hub through the shared {@link
 * HubClient} (its retries, redirects, token rules and error problems), for a revision picker.
 */
@ApplicationScoped
public class ModelRefsService {

  /** A branch or tag and the commit it points to. */
  @Schema(name = "ModelRef")
  public record Ref(String name, String ref, String targetCommit) {}

  /** The branches and tags of a repository. */
  @Schema(name = "ModelRefs")
  public record Refs(String repo, List<Ref> branches, List<Ref> tags) {}

  /** One commit: its id, title, date and the Hub user names of its authors. */
  @Schema(name = "ModelCommit")
  public record Commit(String id, String title, Instant date, List<String> authors) {}

  /**
   * The newest commits reachable from {@code revision}; {@code more} when the Hub has older ones
   * than those listed.
   */
  @Schema(name = "ModelCommits")
  public record Commits(String repo, String revision, List<Commit> commits, boolean more) {}

  private final HubClient hub;

  ModelRefsService(HubClient hub) {
    this.hub = hub;
  }

  /** {@code GET /api/models/{repo}/refs}: branches (main first) and tags. */
  public Uni<Refs> refs(RepoId repo) {
    return hub.refs(repo)
        .map(
            body -> {
              List<Ref> branches = refs(body.path("branches"));
              // The default branch leads, as the picker offers it first.
              branches.sort(
                  (a, b) -> Boolean.compare(!"main".equals(a.name()), !"main".equals(b.name())));
              return new Refs(repo.toString(), List.copyOf(branches), refs(body.path("tags")));
            });
  }

  /** The newest {@code limit} commits of {@code revision}, asked of the Hub as one page. */
  public Uni<Commits> commits(RepoId repo, String revision, int limit) {
    return hub.commits(repo, revision, limit)
        .map(
            page -> {
              List<Commit> commits = new ArrayList<>();
              for (JsonNode c : page.items()) {
                if (commits.size() == limit) {
                  break;
                }
                List<String> authors = new ArrayList<>();
                c.path("authors").forEach(a -> authors.add(a.path("user").asText()));
                commits.add(
                    new Commit(
                        c.path("id").asText(),
                        c.path("title").asText(""),
                        instant(c.path("date").asText(null)),
                        List.copyOf(authors)));
              }
              // The Hub links a next page when older commits exist.
              boolean more = page.nextUrl() != null || page.items().size() > commits.size();
              return new Commits(repo.toString(), revision, List.copyOf(commits), more);
            });
  }

  private static List<Ref> refs(JsonNode list) {
    List<Ref> refs = new ArrayList<>();
    list.forEach(
        r ->
            refs.add(
                new Ref(
                    r.path("name").asText(),
                    r.path("ref").asText(null),
                    r.path("targetCommit").asText(null))));
    return refs;
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
