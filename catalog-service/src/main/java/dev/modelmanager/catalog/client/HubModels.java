package dev.modelmanager.catalog.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.kit.hf.HubClient;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** What the Hugging Face Hub says about a model, through service-kit's {@link HubClient}. */
@ApplicationScoped
public class HubModels {
  private final HubClient hub;

  HubModels(HubClient hub) {
    this.hub = hub;
  }

  /** How a model looked up on the Hub. */
  public enum Access {
    FOUND,
    MISSING,
    DENIED,
    UNAVAILABLE
  }

  /**
   * A model at a revision on the Hub.
   *
   * @param sha the commit the revision resolved to
   * @param license the license tag (cardData.license), null when none
   * @param gated {@code false}, {@code auto} or {@code manual}
   * @param detail why it is not FOUND
   */
  public record HubModel(
      Access access, String sha, String license, String gated, boolean isPrivate, String detail) {}

  /**
   * The model at {@code revision} (null for the default branch), and whether its files can be read
   * with the configured token (gated and private models need one with access).
   */
  public Uni<HubModel> lookup(RepoId repo, String revision) {
    return hub.modelInfo(repo, revision, List.of())
        .chain(info -> checkFileAccess(repo, info))
        .onFailure()
        .recoverWithItem(HubModels::failed);
  }

  private Uni<HubModel> checkFileAccess(RepoId repo, JsonNode info) {
    String sha = info.path("sha").asText(null);
    HubModel found =
        new HubModel(
            Access.FOUND,
            sha,
            license(info),
            info.path("gated").asText("false"),
            info.path("private").asBoolean(false),
            null);
    return hub.fileMetadata(repo, sha, "config.json")
        .replaceWith(found)
        .onFailure(t -> t instanceof ProblemException p && isNotFound(p))
        .recoverWithItem(found);
  }

  private static String license(JsonNode info) {
    JsonNode card = info.path("cardData").path("license");
    if (card.isTextual()) {
      return card.asText();
    }
    for (JsonNode tag : info.path("tags")) {
      if (tag.asText().startsWith("license:")) {
        return tag.asText().substring("license:".length());
      }
    }
    return null;
  }

  private static HubModel failed(Throwable t) {
    if (t instanceof ProblemException p) {
      if (isNotFound(p)) {
        return new HubModel(Access.MISSING, null, null, null, false, p.problem().detail());
      }
      if (p.problem().status() == ProblemType.HUB_ACCESS_DENIED.status()) {
        return new HubModel(Access.DENIED, null, null, null, false, p.problem().detail());
      }
      return new HubModel(Access.UNAVAILABLE, null, null, null, false, p.problem().detail());
    }
    return new HubModel(
        Access.UNAVAILABLE,
        null,
        null,
        null,
        false,
        "the Hub is unreachable: " + t.getClass().getSimpleName());
  }

  private static boolean isNotFound(ProblemException p) {
    return p.problem().status() == 404;
  }
}
