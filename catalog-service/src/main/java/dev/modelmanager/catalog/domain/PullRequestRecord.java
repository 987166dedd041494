package dev.modelmanager.catalog.domain;

import java.time.Instant;

/**
 * A catalog pull request as this service knows it.
 *
 * @param number the pull request number on the git host
 * @param state {@code open}, {@code merged} or {@code closed}
 * @param kind {@code entry} (opened through the API) or {@code bot} (opened by the catalog bot)
 */
public record PullRequestRecord(
    int number,
    String entryId,
    String branch,
    String title,
    String url,
    String state,
    String headCommit,
    String kind,
    Instant createdAt,
    Instant updatedAt) {

  public static final String OPEN = "open";
  public static final String MERGED = "merged";
  public static final String CLOSED = "closed";

  public PullRequestRecord withState(String newState, Instant at) {
    return new PullRequestRecord(
        number, entryId, branch, title, url, newState, headCommit, kind, createdAt, at);
  }
}
