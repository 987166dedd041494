package dev.modelmanager.catalog.service;

import dev.modelmanager.catalog.client.GitCatalogWriter;
import dev.modelmanager.catalog.client.GitHubClient;
import dev.modelmanager.catalog.client.GitHubPull;
import dev.modelmanager.catalog.config.CatalogConfig;
import dev.modelmanager.catalog.domain.CanonicalJson;
import dev.modelmanager.catalog.domain.EntryDiff;
import dev.modelmanager.catalog.domain.EntryRejectedException;
import dev.modelmanager.catalog.domain.PullRequestBody;
import dev.modelmanager.catalog.domain.PullRequestRecord;
import dev.modelmanager.catalog.domain.ValidationReport;
import dev.modelmanager.catalog.events.CatalogOutbox;
import dev.modelmanager.catalog.store.PullRequestStore;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.events.CatalogEvents;
import dev.modelmanager.model.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pull requests: validate, write {@code models/<id>.json} canonically on a branch, push, and open
 * (or find the open) pull request. The same entry again updates the branch and answers the existing
 * pull request.
 */
@ApplicationScoped
public class PullRequestService {
  private static final String TEMPLATE = ".github/pull_request_template.md";

  private final ValidationService validation;
  private final DiffService diffs;
  private final GitCatalogWriter git;
  private final GitHubClient github;
  private final PullRequestStore store;
  private final Transactor transactor;
  private final CatalogOutbox events;
  private final CatalogMetrics metrics;
  private final CatalogConfig config;

  @SuppressWarnings("java:S107")
  PullRequestService(
      ValidationService validation,
      DiffService diffs,
      GitCatalogWriter git,
      GitHubClient github,
      PullRequestStore store,
      Transactor transactor,
      CatalogOutbox events,
      CatalogMetrics metrics,
      CatalogConfig config) {
    this.validation = validation;
    this.diffs = diffs;
    this.git = git;
    this.github = github;
    this.store = store;
    this.transactor = transactor;
    this.events = events;
    this.metrics = metrics;
    this.config = config;
  }

  /**
   * What opening did.
   *
   * @param created true when the pull request is new (201), false when it was open already (200)
   * @param branchChanged false when the branch already held this exact entry
   */
  public record Outcome(
      PullRequestRecord pullRequest,
      boolean created,
      boolean branchChanged,
      ValidationReport report,
      EntryDiff diff) {}

  public Uni<Outcome> open(PullRequestCommand cmd) {
    String id = cmd.entry().path("id").asText();
    String path = diffs.pathOf(cmd.entry());
    String branch = cmd.branch() != null ? cmd.branch() : "catalog/" + id;
    return validation
        .validate(cmd.entry())
        .call(report -> rejectIfFailing(cmd, id, report))
        .chain(
            report ->
                diffs
                    .diff(cmd.entry())
                    .chain(diff -> publish(cmd, id, path, branch, report, diff)));
  }

  private Uni<Void> rejectIfFailing(PullRequestCommand cmd, String id, ValidationReport report) {
    if (report.valid()) {
      return Uni.createFrom().voidItem();
    }
    CatalogEvents.ValidationFailed failed =
        new CatalogEvents.ValidationFailed(
            id, cmd.entry().path("hfModelId").asText(null), report.failedChecks());
    Uni<Void> emitted =
        transactor.inTransaction(
            () -> events.append("catalog-entry", id, EventTypes.CATALOG_VALIDATION_FAILED, failed));
    return cmd.allowFailingChecks()
        ? emitted
        : emitted.chain(() -> Uni.createFrom().failure(new EntryRejectedException(id, report)));
  }

  private Uni<Outcome> publish(
      PullRequestCommand cmd,
      String id,
      String path,
      String branch,
      ValidationReport report,
      EntryDiff diff) {
    if (!diff.changed()) {
      return Uni.createFrom()
          .failure(
              ProblemException.conflict(
                  "The catalog already holds this exact entry at "
                      + path
                      + "; there is nothing to propose"));
    }
    String title = cmd.title() != null ? cmd.title() : defaultTitle(cmd, id, diff);
    return git.readAtBase(TEMPLATE)
        .chain(
            template -> {
              String intro = cmd.body() != null ? cmd.body() : template.text();
              String body =
                  PullRequestBody.render(
                      intro,
                      id,
                      cmd.entry().path("hfModelId").asText(),
                      cmd.entry().path("revision").asText(),
                      report,
                      diff);
              return git.publish(
                      branch, path, CanonicalJson.write(cmd.entry()), title, cmd.author())
                  .chain(pushed -> pullRequest(cmd, id, title, body, pushed))
                  .map(r -> new Outcome(r.record, r.created, r.branchChanged, report, diff));
            });
  }

  private record Opened(PullRequestRecord record, boolean created, boolean branchChanged) {}

  private Uni<Opened> pullRequest(
      PullRequestCommand cmd,
      String id,
      String title,
      String body,
      GitCatalogWriter.Published pushed) {
    return github
        .findOpen(pushed.branch())
        .chain(
            existing -> {
              if (existing.isPresent()) {
                return github
                    .update(existing.get().number(), title, body)
                    .map(pr -> new Found(pr, false));
              }
              return github
                  .create(pushed.branch(), title, body, cmd.draft())
                  .chain(created -> createdOrRaced(pushed.branch(), created));
            })
        .onFailure()
        .transform(GitHubClient::asProblem)
        .call(
            found ->
                found.created
                    ? github.addLabels(found.pr.number(), labels(cmd))
                    : Uni.createFrom().voidItem())
        .chain(found -> record(cmd, id, pushed, found));
  }

  private record Found(GitHubPull pr, boolean created) {}

  /** GitHub said one exists (someone opened it meanwhile): answer that one. */
  private Uni<Found> createdOrRaced(String branch, Optional<GitHubPull> created) {
    if (created.isPresent()) {
      return Uni.createFrom().item(new Found(created.get(), true));
    }
    return github
        .findOpen(branch)
        .map(
            open ->
                open.map(pr -> new Found(pr, false))
                    .orElseThrow(
                        () ->
                            ProblemException.conflict(
                                "The git host says a pull request exists for "
                                    + branch
                                    + " but does not list it; try again")));
  }

  private Uni<Opened> record(
      PullRequestCommand cmd, String id, GitCatalogWriter.Published pushed, Found found) {
    Instant now = Instant.now();
    PullRequestRecord record =
        new PullRequestRecord(
            found.pr.number(),
            id,
            pushed.branch(),
            found.pr.title(),
            found.pr.htmlUrl(),
            PullRequestRecord.OPEN,
            pushed.commit(),
            cmd.kind(),
            now,
            now);
    return transactor
        .inTransaction(
            () ->
                store
                    .find(record.number())
                    .chain(
                        old -> {
                          PullRequestRecord saved =
                              old.map(
                                      o ->
                                          new PullRequestRecord(
                                              o.number(),
                                              id,
                                              o.branch(),
                                              record.title(),
                                              o.url(),
                                              PullRequestRecord.OPEN,
                                              pushed.commit(),
                                              o.kind(),
                                              o.createdAt(),
                                              now))
                                  .orElse(record);
                          Uni<Void> save = store.save(saved);
                          return found.created
                              ? save.chain(() -> opened(saved)).replaceWith(saved)
                              : save.replaceWith(saved);
                        }))
        .invoke(
            saved -> {
              if (found.created) {
                metrics.pullRequestOpened(cmd.kind());
              }
            })
        .map(saved -> new Opened(saved, found.created, pushed.changed()));
  }

  private Uni<Void> opened(PullRequestRecord pr) {
    return events.append(
        "catalog-pull-request",
        String.valueOf(pr.number()),
        EventTypes.CATALOG_PR_OPENED,
        new CatalogEvents.PullRequestChanged(
            pr.number(), pr.entryId(), pr.branch(), pr.url(), pr.headCommit(), pr.state()));
  }

  private List<String> labels(PullRequestCommand cmd) {
    List<String> labels = new ArrayList<>(config.pullRequests().labels());
    if (cmd.labels() != null) {
      cmd.labels().stream().filter(l -> !labels.contains(l)).forEach(labels::add);
    }
    return labels;
  }

  private static String defaultTitle(PullRequestCommand cmd, String id, EntryDiff diff) {
    return (diff.created() ? "catalog: add " : "catalog: update ")
        + id
        + " ("
        + cmd.entry().path("hfModelId").asText()
        + "@"
        + PullRequestBody.shortSha(cmd.entry().path("revision").asText())
        + ")";
  }
}
