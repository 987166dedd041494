package dev.modelmanager.catalog.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.catalog.client.GitHubClient;
import dev.modelmanager.catalog.config.CatalogConfig;
import dev.modelmanager.catalog.domain.PullRequestRecord;
import dev.modelmanager.catalog.domain.WebhookSignature;
import dev.modelmanager.catalog.events.CatalogOutbox;
import dev.modelmanager.catalog.store.PullRequestStore;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.events.CatalogEvents;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.problem.ProblemType;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps pull request states in step with the git host: the GitHub webhook marks merges and closes
 * (and a merge triggers a reload), polling of open pull requests is the fallback. Also lists them.
 */
@ApplicationScoped
public class PullRequestSync {
  private static final Logger LOG = Logger.getLogger(PullRequestSync.class);

  private final PullRequestStore store;
  private final Transactor transactor;
  private final CatalogOutbox events;
  private final CatalogReloadService reloads;
  private final GitHubClient github;
  private final CatalogConfig config;
  private final ObjectMapper mapper;

  PullRequestSync(
      PullRequestStore store,
      Transactor transactor,
      CatalogOutbox events,
      CatalogReloadService reloads,
      GitHubClient github,
      CatalogConfig config,
      ObjectMapper mapper) {
    this.store = store;
    this.transactor = transactor;
    this.events = events;
    this.reloads = reloads;
    this.github = github;
    this.config = config;
    this.mapper = mapper;
  }

  /** The cursors {@link #list} issues: a pull request number. */
  public static final String CURSOR_REGEX = "0|[1-9][0-9]{0,8}";

  /**
   * A page of pull requests by number; the cursor is the last number of the previous page (a {@link
   * #CURSOR_REGEX}, checked by the resource).
   */
  public Uni<Page<PullRequestRecord>> list(int limit, String cursor, String state) {
    int after = cursor == null ? 0 : Integer.parseInt(cursor);
    return store
        .page(after, limit + 1, state)
        .map(
            rows -> {
              boolean more = rows.size() > limit;
              List<PullRequestRecord> items = more ? rows.subList(0, limit) : rows;
              return new Page<>(
                  items, more ? String.valueOf(items.get(items.size() - 1).number()) : null);
            });
  }

  /**
   * What a webhook delivery did: {@code merged}, {@code closed}, {@code pong} or {@code ignored}.
   */
  public record Delivery(String outcome, Integer number) {}

  public Uni<Delivery> webhook(String event, String signature, byte[] body) {
    String secret = config.webhookSecret().orElse(null);
    if (secret == null) {
      return Uni.createFrom()
          .failure(
              new ProblemException(
                  ProblemType.FORBIDDEN,
                  "Webhooks are not enabled: set MM_CATALOG_WEBHOOK_SECRET"));
    }
    if (!WebhookSignature.verify(secret, body, signature)) {
      return Uni.createFrom()
          .failure(
              new ProblemException(
                  ProblemType.UNAUTHORIZED,
                  "X-Hub-Signature-256 is missing or does not match the configured secret"));
    }
    if ("ping".equals(event)) {
      return Uni.createFrom().item(new Delivery("pong", null));
    }
    JsonNode payload;
    try {
      payload = mapper.readTree(body);
    } catch (IOException e) {
      return Uni.createFrom().failure(ProblemException.badRequest("The payload is not JSON"));
    }
    if (!"pull_request".equals(event) || !"closed".equals(payload.path("action").asText())) {
      return Uni.createFrom().item(new Delivery("ignored", null));
    }
    JsonNode pr = payload.path("pull_request");
    int number = pr.path("number").asInt();
    String state =
        pr.path("merged").asBoolean(false) ? PullRequestRecord.MERGED : PullRequestRecord.CLOSED;
    return settle(number, state).map(changed -> new Delivery(changed ? state : "ignored", number));
  }

  /** Polls the git host for the state of every open pull request (webhooks' fallback). */
  @Scheduled(
      every = "${mm.catalog.pull-requests.poll-interval}",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public Uni<Void> poll() {
    if (!github.configured()) {
      return Uni.createFrom().voidItem();
    }
    return store
        .open()
        .onItem()
        .transformToMulti(l -> Multi.createFrom().iterable(l))
        .onItem()
        .transformToUniAndConcatenate(
            pr ->
                github
                    .get(pr.number())
                    .chain(gh -> settle(pr.number(), gh.lifecycle()))
                    .onFailure()
                    .recoverWithItem(
                        t -> {
                          LOG.debugf(
                              "could not poll pull request %d: %s", pr.number(), t.toString());
                          return false;
                        }))
        .collect()
        .asList()
        .replaceWithVoid();
  }

  /** Moves an open pull request we know to {@code state}; a merge reloads the catalog. */
  Uni<Boolean> settle(int number, String state) {
    if (PullRequestRecord.OPEN.equals(state)) {
      return Uni.createFrom().item(false);
    }
    return transactor
        .inTransaction(() -> store.find(number).chain(found -> markIfOpen(found, state)))
        .call(
            changed ->
                changed && PullRequestRecord.MERGED.equals(state)
                    ? reloadQuietly()
                    : Uni.createFrom().voidItem());
  }

  private Uni<Boolean> markIfOpen(Optional<PullRequestRecord> found, String state) {
    if (found.isEmpty() || !PullRequestRecord.OPEN.equals(found.get().state())) {
      return Uni.createFrom().item(false);
    }
    PullRequestRecord updated = found.get().withState(state, Instant.now());
    Uni<Void> saved = store.save(updated);
    if (PullRequestRecord.MERGED.equals(state)) {
      saved =
          saved.chain(
              () ->
                  events.append(
                      "catalog-pull-request",
                      String.valueOf(updated.number()),
                      EventTypes.CATALOG_PR_MERGED,
                      new CatalogEvents.PullRequestChanged(
                          updated.number(),
                          updated.entryId(),
                          updated.branch(),
                          updated.url(),
                          updated.headCommit(),
                          updated.state())));
    }
    return saved.replaceWith(true);
  }

  private Uni<Void> reloadQuietly() {
    return reloads
        .reload()
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            t -> {
              // A reload already running, or git briefly unreachable: the next reload applies it.
              LOG.infof("reload after a merge did not run: %s", t.getMessage());
              return Uni.createFrom().voidItem();
            });
  }
}
