package dev.modelmanager.catalog.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.catalog.client.GitHubClient;
import dev.modelmanager.catalog.client.HubModels;
import dev.modelmanager.catalog.config.CatalogConfig;
import dev.modelmanager.catalog.domain.BotProposal;
import dev.modelmanager.catalog.domain.CatalogEntry;
import dev.modelmanager.catalog.domain.PullRequestBody;
import dev.modelmanager.catalog.domain.PullRequestRecord;
import dev.modelmanager.catalog.events.CatalogOutbox;
import dev.modelmanager.catalog.store.CatalogStore;
import dev.modelmanager.catalog.store.PullRequestStore;
import dev.modelmanager.catalog.store.StoredProposal;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.events.CatalogEvents;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.hf.RepoId;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The catalog bot: for each approved entry, look at its Hugging Face repo; when the tracked branch
 * has a new commit, propose a pull request that moves {@code revision} (with its validation
 * report); when only the license changed, a pull request that flags it. One branch per entry
 * ({@code catalog-bot/<id>}), so there is at most one open bot pull request per entry, and a
 * proposal already on that branch is not proposed again.
 */
@ApplicationScoped
public class CatalogBot {
  private static final Logger LOG = Logger.getLogger(CatalogBot.class);

  private final CatalogStore entries;
  private final HubModels hub;
  private final PullRequestService pullRequests;
  private final GitHubClient github;
  private final Transactor transactor;
  private final CatalogOutbox events;
  private final CatalogConfig config;
  private final ObjectMapper mapper;
  private final PullRequestStore pullRequestStore;

  @SuppressWarnings("java:S107")
  CatalogBot(
      CatalogStore entries,
      HubModels hub,
      PullRequestService pullRequests,
      PullRequestStore pullRequestStore,
      GitHubClient github,
      Transactor transactor,
      CatalogOutbox events,
      CatalogConfig config,
      ObjectMapper mapper) {
    this.entries = entries;
    this.hub = hub;
    this.pullRequests = pullRequests;
    this.pullRequestStore = pullRequestStore;
    this.github = github;
    this.transactor = transactor;
    this.events = events;
    this.config = config;
    this.mapper = mapper;
  }

  /** What one pass proposed. */
  public record Proposal(
      String entryId,
      String fromRevision,
      String toRevision,
      String license,
      int pullRequest,
      boolean isNew) {}

  @Scheduled(
      every = "${mm.catalog.watch.interval}",
      delayed = "2m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    if (!config.watch().enabled() || !github.configured()) {
      return Uni.createFrom().voidItem();
    }
    return runOnce().replaceWithVoid();
  }

  /** One pass over every entry; an entry that fails is logged and skipped. */
  public Uni<List<Proposal>> runOnce() {
    return entries
        .all()
        .onItem()
        .transformToMulti(l -> Multi.createFrom().iterable(l))
        .onItem()
        .transformToUniAndConcatenate(
            e ->
                watch(e)
                    .onFailure()
                    .recoverWithItem(
                        t -> {
                          LOG.warnf("catalog bot skipped %s: %s", e.id(), t.getMessage());
                          return null;
                        }))
        .collect()
        .asList()
        .map(l -> l.stream().filter(Objects::nonNull).toList());
  }

  private Uni<Proposal> watch(CatalogEntry e) {
    return hub.lookup(RepoId.parse(e.repo()), config.watch().trackedBranch())
        .chain(
            latest -> {
              if (latest.access() != HubModels.Access.FOUND) {
                return Uni.createFrom().nullItem();
              }
              ObjectNode doc = document(e);
              String license = doc.path("license").asText(null);
              boolean moved = !e.revision().equals(latest.sha());
              boolean relicensed =
                  license != null
                      && latest.license() != null
                      && !license.equalsIgnoreCase(latest.license());
              if (!moved && !relicensed) {
                return Uni.createFrom().nullItem();
              }
              return propose(e, doc, latest, moved, relicensed);
            });
  }

  private Uni<Proposal> propose(
      CatalogEntry e,
      ObjectNode doc,
      HubModels.HubModel latest,
      boolean moved,
      boolean relicensed) {
    String oldLicense = doc.path("license").asText(null);
    if (moved) {
      doc.put("revision", latest.sha());
    }
    if (relicensed) {
      doc.put("license", latest.license());
    }
    List<String> labels = new ArrayList<>(List.of("catalog-bot"));
    if (relicensed) {
      labels.add("license-change");
    }
    String title =
        moved
            ? "catalog-bot: move " + e.id() + " to " + PullRequestBody.shortSha(latest.sha())
            : "catalog-bot: license of " + e.id() + " changed to " + latest.license();
    String intro =
        (moved
                ? e.repo()
                    + " has a new commit on `"
                    + config.watch().trackedBranch()
                    + "`: `"
                    + e.revision()
                    + "` → `"
                    + latest.sha()
                    + "`."
                : "")
            + (relicensed
                ? "\n\n**License change**: `"
                    + oldLicense
                    + "` → `"
                    + latest.license()
                    + "`. Review whether the new license allows our use before merging."
                : "");
    PullRequestCommand cmd =
        new PullRequestCommand(
            doc, title, intro.strip(), labels, false, "catalog-bot/" + e.id(), null, "bot", true);
    return pullRequests
        .open(cmd)
        .call(
            outcome ->
                outcome.created() || outcome.branchChanged()
                    ? transactor.inTransaction(
                        () ->
                            saveProposal(
                                    outcome,
                                    new BotProposal(
                                        e.id(),
                                        e.repo(),
                                        e.revision(),
                                        latest.sha(),
                                        oldLicense,
                                        latest.license(),
                                        outcome.report(),
                                        outcome.diff()))
                                .chain(
                                    () ->
                                        events.append(
                                            "catalog-entry",
                                            e.id(),
                                            EventTypes.CATALOG_UPDATE_AVAILABLE,
                                            new CatalogEvents.UpdateAvailable(
                                                e.id(),
                                                e.repo(),
                                                e.revision(),
                                                latest.sha(),
                                                oldLicense,
                                                latest.license(),
                                                outcome.pullRequest().number()))))
                    : Uni.createFrom().voidItem())
        .map(
            o ->
                new Proposal(
                    e.id(),
                    e.revision(),
                    latest.sha(),
                    latest.license(),
                    o.pullRequest().number(),
                    o.created() || o.branchChanged()));
  }

  private Uni<Boolean> saveProposal(PullRequestService.Outcome outcome, BotProposal proposal) {
    try {
      return pullRequestStore.saveProposal(
          outcome.pullRequest().number(), mapper.writeValueAsString(proposal));
    } catch (IOException ex) {
      return Uni.createFrom().failure(ex);
    }
  }

  /** A bot pull request with what it proposes (null for one opened before proposals were kept). */
  public record Listed(PullRequestRecord pullRequest, BotProposal proposal) {}

  /**
   * The bot's pull requests, newest first; the cursor is the last number of the previous page (a
   * {@code PullRequestSync.CURSOR_REGEX}, checked by the resource).
   */
  public Uni<Page<Listed>> proposals(int limit, String cursor, String state) {
    int before = cursor == null ? Integer.MAX_VALUE : Integer.parseInt(cursor);
    return pullRequestStore
        .proposals(before, limit + 1, state)
        .map(
            rows -> {
              boolean more = rows.size() > limit;
              List<StoredProposal> items = more ? rows.subList(0, limit) : rows;
              return new Page<>(
                  items.stream().map(this::listed).toList(),
                  more ? String.valueOf(items.get(items.size() - 1).pullRequest().number()) : null);
            });
  }

  private Listed listed(StoredProposal row) {
    if (row.proposal() == null) {
      return new Listed(row.pullRequest(), null);
    }
    try {
      return new Listed(row.pullRequest(), mapper.readValue(row.proposal(), BotProposal.class));
    } catch (IOException ex) {
      throw new IllegalStateException(
          "stored proposal of pull request " + row.pullRequest().number() + " is not JSON", ex);
    }
  }

  private ObjectNode document(CatalogEntry e) {
    try {
      JsonNode n = mapper.readTree(e.document());
      return (ObjectNode) n;
    } catch (IOException ex) {
      throw new IllegalStateException("stored entry " + e.id() + " is not JSON", ex);
    }
  }
}
