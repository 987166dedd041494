package dev.modelmanager.deploy.store;

import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionState;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The revision history of every deployment. Revisions are inserted once and never rewritten: only
 * their state moves on, each move appended to their state history. Both adapters pass
 * RevisionStoreContractTest.
 */
public interface RevisionStore {

  /**
   * Records a new revision with its first state; fails with {@link RevisionExists} when that number
   * is taken (a concurrent change won the race).
   */
  Uni<Void> insert(Revision revision);

  /** Moves a revision to {@code state}, appending the step to its history. */
  Uni<Void> moveTo(String deployment, int number, RevisionState state, String reason, Instant at);

  Uni<Optional<Revision>> find(String deployment, int number);

  /** The newest revision of a deployment. */
  Uni<Optional<Revision>> latest(String deployment);

  /** Revisions of a deployment, newest first, with numbers below {@code beforeNumber} (or all). */
  Uni<List<Revision>> page(String deployment, Integer beforeNumber, int limit);

  /** Every revision still in flight (PENDING, APPLIED, PROGRESSING), oldest first. */
  Uni<List<Revision>> inFlight();

  /** Deployment names ordered by name, after {@code afterName} (or from the first). */
  Uni<List<String>> deployments(String afterName, int limit);

  /** A revision with this deployment and number already exists. */
  final class RevisionExists extends RuntimeException {
    public RevisionExists(String deployment, int number) {
      super("revision " + number + " of " + deployment + " already exists", null, false, false);
    }
  }
}
