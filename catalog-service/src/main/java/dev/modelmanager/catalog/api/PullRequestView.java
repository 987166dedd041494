package dev.modelmanager.catalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelmanager.catalog.domain.EntryDiff;
import dev.modelmanager.catalog.domain.PullRequestRecord;
import dev.modelmanager.catalog.domain.ValidationReport;
import java.time.Instant;

/** A catalog pull request; {@code report} and {@code diff} when it was just opened or updated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PullRequestView(
    int number,
    String url,
    String state,
    String entryId,
    String branch,
    String title,
    String headCommit,
    String kind,
    Instant createdAt,
    Instant updatedAt,
    ValidationReport report,
    EntryDiff diff) {

  static PullRequestView of(PullRequestRecord r, ValidationReport report, EntryDiff diff) {
    return new PullRequestView(
        r.number(),
        r.url(),
        r.state(),
        r.entryId(),
        r.branch(),
        r.title(),
        r.headCommit(),
        r.kind(),
        r.createdAt(),
        r.updatedAt(),
        report,
        diff);
  }
}
