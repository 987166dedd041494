package dev.modelmanager.deploy.store;

import dev.modelmanager.deploy.domain.DeactivateMode;
import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionAction;
import dev.modelmanager.deploy.domain.RevisionState;
import dev.modelmanager.deploy.domain.StateChange;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Hibernate Reactive Panache adapter; joins the caller's session and transaction when there is one.
 */
@ApplicationScoped
@Typed(PostgresRevisionStore.class)
@WithSession
public class PostgresRevisionStore implements RevisionStore {
  private static final List<String> IN_FLIGHT =
      List.of(
          RevisionState.PENDING.name(),
          RevisionState.APPLIED.name(),
          RevisionState.PROGRESSING.name());

  @Override
  public Uni<Void> insert(Revision r) {
    String id = id(r.deployment(), r.number());
    return RevisionEntity.<RevisionEntity>findById(id)
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().failure(new RevisionExists(r.deployment(), r.number()));
              }
              return toEntity(r).persist().chain(() -> appendStates(id, r.states()));
            });
  }

  private Uni<Void> appendStates(String id, List<StateChange> states) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (StateChange s : states) {
      chain =
          chain
              .chain(() -> stateEntity(id, s.state(), s.reason(), s.at()).persist())
              .replaceWithVoid();
    }
    return chain;
  }

  @Override
  public Uni<Void> moveTo(
      String deployment, int number, RevisionState state, String reason, Instant at) {
    String id = id(deployment, number);
    return RevisionEntity.<RevisionEntity>findById(id)
        .chain(
            e -> {
              if (e == null) {
                return Uni.createFrom().failure(new IllegalStateException("no revision " + id));
              }
              e.state = state.name();
              e.stateReason = reason;
              return stateEntity(id, state, reason, at).persist().replaceWithVoid();
            });
  }

  @Override
  public Uni<Optional<Revision>> find(String deployment, int number) {
    return RevisionEntity.<RevisionEntity>findById(id(deployment, number))
        .chain(
            e ->
                e == null
                    ? Uni.createFrom().item(Optional.<Revision>empty())
                    : withStates(e).map(Optional::of));
  }

  @Override
  public Uni<Optional<Revision>> latest(String deployment) {
    return page(deployment, null, 1).map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<List<Revision>> page(String deployment, Integer beforeNumber, int limit) {
    return RevisionEntity.<RevisionEntity>find(
            "deployment = ?1 and number < ?2",
            Sort.descending("number"),
            deployment,
            beforeNumber == null ? Integer.MAX_VALUE : beforeNumber)
        .page(0, limit)
        .list()
        .chain(this::withStates);
  }

  @Override
  public Uni<List<Revision>> inFlight() {
    return RevisionEntity.<RevisionEntity>find(
            "state in ?1", Sort.ascending("createdAt").and("deployment").and("number"), IN_FLIGHT)
        .list()
        .chain(this::withStates);
  }

  @Override
  public Uni<List<String>> deployments(String afterName, int limit) {
    return RevisionEntity.find(
            "select distinct deployment from RevisionEntity where deployment > ?1 order by deployment",
            afterName == null ? "" : afterName)
        .project(String.class)
        .page(0, limit)
        .list();
  }

  private Uni<List<Revision>> withStates(List<RevisionEntity> entities) {
    Uni<List<Revision>> chain = Uni.createFrom().item(new ArrayList<>());
    for (RevisionEntity e : entities) {
      chain =
          chain.chain(
              acc ->
                  withStates(e)
                      .map(
                          r -> {
                            acc.add(r);
                            return acc;
                          }));
    }
    return chain;
  }

  private Uni<Revision> withStates(RevisionEntity e) {
    return RevisionStateEntity.<RevisionStateEntity>find("revisionId", Sort.ascending("at"), e.id)
        .list()
        .map(
            rows ->
                toRevision(
                    e,
                    rows.stream()
                        .map(
                            s ->
                                new StateChange(
                                    RevisionState.valueOf(s.state), s.reason, s.at.toInstant()))
                        .toList()));
  }

  static String id(String deployment, int number) {
    return deployment + "/" + number;
  }

  private static RevisionStateEntity stateEntity(
      String revisionId, RevisionState state, String reason, Instant at) {
    RevisionStateEntity s = new RevisionStateEntity();
    s.id = UUID.randomUUID();
    s.revisionId = revisionId;
    s.state = state.name();
    s.reason = reason;
    s.at = at.atOffset(ZoneOffset.UTC);
    return s;
  }

  private static RevisionEntity toEntity(Revision r) {
    RevisionEntity e = new RevisionEntity();
    e.id = id(r.deployment(), r.number());
    e.deployment = r.deployment();
    e.number = r.number();
    e.action = r.action().name();
    e.entryId = r.entryId();
    e.catalogCommit = r.catalogCommit();
    e.modelRepo = r.modelRepo();
    e.modelCommit = r.modelCommit();
    e.weightsLocation = r.weightsLocation();
    e.strategy = r.strategy();
    e.deactivateMode = r.deactivateMode() == null ? null : r.deactivateMode().name();
    e.rollbackOf = r.rollbackOf();
    e.autoRollback = r.autoRollback();
    e.manifest = r.manifest();
    e.diffPatch = r.diffPatch();
    e.diffYaml = r.diffYaml();
    e.actor = r.actor();
    e.reason = r.reason();
    e.state = r.state().name();
    e.stateReason = r.stateReason();
    e.createdAt = OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC);
    return e;
  }

  private static Revision toRevision(RevisionEntity e, List<StateChange> states) {
    return new Revision(
        e.deployment,
        e.number,
        RevisionAction.valueOf(e.action),
        e.entryId,
        e.catalogCommit,
        e.modelRepo,
        e.modelCommit,
        e.weightsLocation,
        e.strategy,
        e.deactivateMode == null ? null : DeactivateMode.valueOf(e.deactivateMode),
        e.rollbackOf,
        e.autoRollback,
        e.manifest,
        e.diffPatch,
        e.diffYaml,
        e.actor,
        e.reason,
        RevisionState.valueOf(e.state),
        e.stateReason,
        e.createdAt.toInstant(),
        states);
  }
}
