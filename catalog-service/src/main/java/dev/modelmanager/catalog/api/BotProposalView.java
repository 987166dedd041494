package dev.modelmanager.catalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelmanager.catalog.domain.BotProposal;
import dev.modelmanager.catalog.domain.EntryDiff;
import dev.modelmanager.catalog.domain.ValidationReport;
import dev.modelmanager.catalog.service.CatalogBot;
import java.time.Instant;

/**
 * One of the catalog bot's pull requests: its state and link, and what it proposes (old → new
 * revision and license) with the validation report and diff of the proposed entry when it was
 * proposed. The proposal's fields are absent for a pull request opened before they were kept.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BotProposalView(
    int number,
    String url,
    String state,
    String title,
    String branch,
    String headCommit,
    Instant createdAt,
    Instant updatedAt,
    String entryId,
    String hfModelId,
    String fromRevision,
    String toRevision,
    String fromLicense,
    String toLicense,
    ValidationReport report,
    EntryDiff diff) {

  static BotProposalView of(CatalogBot.Listed listed) {
    var r = listed.pullRequest();
    BotProposal p = listed.proposal();
    return new BotProposalView(
        r.number(),
        r.url(),
        r.state(),
        r.title(),
        r.branch(),
        r.headCommit(),
        r.createdAt(),
        r.updatedAt(),
        r.entryId(),
        p == null ? null : p.hfModelId(),
        p == null ? null : p.fromRevision(),
        p == null ? null : p.toRevision(),
        p == null ? null : p.fromLicense(),
        p == null ? null : p.toLicense(),
        p == null ? null : p.report(),
        p == null ? null : p.diff());
  }
}
