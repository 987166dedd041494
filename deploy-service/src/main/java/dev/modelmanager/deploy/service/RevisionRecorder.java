package dev.modelmanager.deploy.service;

import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionState;
import dev.modelmanager.deploy.events.DeployEventLog;
import dev.modelmanager.deploy.store.RevisionStore;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Writes revisions and their state moves together with their events, one transaction each. */
@ApplicationScoped
public class RevisionRecorder {
  private final RevisionStore store;
  private final Transactor tx;
  private final DeployEventLog events;

  RevisionRecorder(RevisionStore store, Transactor tx, DeployEventLog events) {
    this.store = store;
    this.tx = tx;
    this.events = events;
  }

  /** Records a new PENDING revision and the request's event; 409 if its number was taken. */
  public Revision create(Revision pending) {
    try {
      Blocking.await(
          () ->
              tx.inTransaction(
                  () ->
                      store
                          .insert(pending)
                          .chain(() -> events.deployment(pending))
                          .chain(
                              () ->
                                  events.revision(
                                      pending, pending.state(), pending.stateReason()))));
    } catch (RevisionStore.RevisionExists e) {
      throw conflict(pending);
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).toLowerCase().contains("unique")
          || String.valueOf(e.getMessage()).toLowerCase().contains("duplicate")) {
        throw conflict(pending);
      }
      throw e;
    }
    return pending;
  }

  /**
   * Moves {@code r} to {@code state}; {@code also} are further revisions whose weights stop ({@code
   * stopUsing}) or start ({@code startUsing}) being used by this move.
   */
  public Revision move(
      Revision r,
      RevisionState state,
      String reason,
      List<Revision> stopUsing,
      Revision startUsing) {
    Instant now = Instant.now();
    Blocking.await(
        () ->
            tx.inTransaction(
                () -> {
                  Uni<Void> chain =
                      store
                          .moveTo(r.deployment(), r.number(), state, reason, now)
                          .chain(() -> events.revision(r, state, reason));
                  for (Revision old : stopUsing) {
                    chain = chain.chain(() -> events.weightsUsage(old, false));
                  }
                  if (startUsing != null) {
                    chain = chain.chain(() -> events.weightsUsage(startUsing, true));
                  }
                  return chain;
                }));
    return r.moveTo(state, reason, now);
  }

  public Revision move(Revision r, RevisionState state, String reason) {
    return move(r, state, reason, List.of(), null);
  }

  /** Records that the live health of {@code active} changed (an event only, no state move). */
  public void healthChanged(Revision active, String health, String previous, String reason) {
    Blocking.await(() -> tx.inTransaction(() -> events.health(active, health, previous, reason)));
  }

  public void driftDetected(Revision active, java.util.List<String> fields) {
    Blocking.await(() -> tx.inTransaction(() -> events.drift(active, fields)));
  }

  private static ProblemException conflict(Revision r) {
    return ProblemException.conflict(
        "Revision "
            + r.number()
            + " of deployment "
            + r.deployment()
            + " was just created by another change; only one change may be in flight");
  }
}
