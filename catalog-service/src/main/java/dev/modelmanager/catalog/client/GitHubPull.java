package dev.modelmanager.catalog.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The fields of a GitHub pull request object this service reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitHubPull(
    int number,
    String state,
    String title,
    @JsonProperty("html_url") String htmlUrl,
    boolean merged,
    @JsonProperty("merged_at") String mergedAt,
    Ref head,
    Ref base) {

  /** A branch end of the pull request. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Ref(String ref, String sha) {}

  /** open, merged or closed, as this service names the states. */
  public String lifecycle() {
    if (merged || mergedAt != null) {
      return "merged";
    }
    return "closed".equals(state) ? "closed" : "open";
  }
}
