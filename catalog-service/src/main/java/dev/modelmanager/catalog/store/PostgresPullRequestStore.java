package dev.modelmanager.catalog.store;

import dev.modelmanager.catalog.domain.PullRequestRecord;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Hibernate Reactive Panache adapter of the pull request store. */
@ApplicationScoped
@Typed(PostgresPullRequestStore.class)
@WithSession
public class PostgresPullRequestStore implements PullRequestStore {
  private static final String BOT = "bot";

  @Override
  public Uni<Void> save(PullRequestRecord pr) {
    return PullRequestEntity.<PullRequestEntity>findById(pr.number())
        .chain(
            existing -> {
              PullRequestEntity e = existing != null ? existing : new PullRequestEntity();
              e.number = pr.number();
              e.entryId = pr.entryId();
              e.branch = pr.branch();
              e.title = pr.title();
              e.url = pr.url();
              e.state = pr.state();
              e.headCommit = pr.headCommit();
              e.kind = pr.kind();
              e.createdAt = pr.createdAt().atOffset(ZoneOffset.UTC);
              e.updatedAt = pr.updatedAt().atOffset(ZoneOffset.UTC);
              return existing != null ? Uni.createFrom().voidItem() : e.persist().replaceWithVoid();
            });
  }

  @Override
  public Uni<Optional<PullRequestRecord>> find(int number) {
    return PullRequestEntity.<PullRequestEntity>findById(number)
        .map(e -> Optional.ofNullable(e).map(PostgresPullRequestStore::toRecord));
  }

  @Override
  public Uni<List<PullRequestRecord>> page(int afterNumber, int limit, String state) {
    return PullRequestEntity.<PullRequestEntity>find(
            "number > ?1 and (?2 = '' or state = ?2)",
            Sort.by("number"),
            afterNumber,
            state == null ? "" : state)
        .page(0, limit)
        .list()
        .map(l -> l.stream().map(PostgresPullRequestStore::toRecord).toList());
  }

  @Override
  public Uni<List<PullRequestRecord>> open() {
    return PullRequestEntity.<PullRequestEntity>list(
            "state", Sort.by("number"), PullRequestRecord.OPEN)
        .map(l -> l.stream().map(PostgresPullRequestStore::toRecord).toList());
  }

  @Override
  public Uni<Boolean> saveProposal(int number, String proposal) {
    return PullRequestEntity.<PullRequestEntity>findById(number)
        .map(
            e -> {
              if (e == null) {
                return false;
              }
              e.proposal = proposal;
              return true;
            });
  }

  @Override
  public Uni<List<StoredProposal>> proposals(int beforeNumber, int limit, String state) {
    return PullRequestEntity.<PullRequestEntity>find(
            "kind = ?1 and number < ?2 and (?3 = '' or state = ?3)",
            Sort.descending("number"),
            BOT,
            beforeNumber,
            state == null ? "" : state)
        .page(0, limit)
        .list()
        .map(l -> l.stream().map(e -> new StoredProposal(toRecord(e), e.proposal)).toList());
  }

  private static PullRequestRecord toRecord(PullRequestEntity e) {
    return new PullRequestRecord(
        e.number,
        e.entryId,
        e.branch,
        e.title,
        e.url,
        e.state,
        e.headCommit,
        e.kind,
        e.createdAt.toInstant(),
        e.updatedAt.toInstant());
  }
}
