package dev.modelmanager.weights.service;

import dev.modelmanager.kit.events.ProcessedEvents;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.events.DeployEvents;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.store.DeploymentUsageStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Which snapshots running deployments use, as deploy-service reports it over {@code mm.deploy}. The
 * inventory's {@code inUse}, the delete check and the purge filter ask here.
 */
@ApplicationScoped
public class DeploymentUsage {
  /** The consumer name under which applied event ids are remembered. */
  public static final String CONSUMER = "weights-deployment-usage";

  private final DeploymentUsageStore store;
  private final ProcessedEvents processed;
  private final Transactor tx;

  DeploymentUsage(DeploymentUsageStore store, ProcessedEvents processed, Transactor tx) {
    this.store = store;
    this.processed = processed;
    this.tx = tx;
  }

  /** True while some deployment serves the snapshot. Blocking. */
  public boolean inUse(Snapshot snapshot) {
    return !usedBy(snapshot).isEmpty();
  }

  /** The deployments serving the snapshot, by name. Blocking. */
  public List<String> usedBy(Snapshot snapshot) {
    return Blocking.await(
        () -> store.usedBy(snapshot.location(), snapshot.repo(), snapshot.commit()));
  }

  /**
   * Applies one usage event once per event id: {@code inUse} records the deployment on the
   * snapshot, otherwise it is released from it. {@code at} (the event's time) keeps an older event
   * from undoing a newer one. Answers false when the event was applied before.
   */
  public Uni<Boolean> apply(String eventId, DeployEvents.WeightsUsage usage, Instant at) {
    return tx.inTransaction(
        () ->
            processed
                .firstDelivery(CONSUMER, eventId)
                .chain(
                    first -> {
                      if (!first) {
                        return Uni.createFrom().item(false);
                      }
                      Uni<Void> write =
                          usage.inUse()
                              ? store.use(
                                  usage.deployment(),
                                  usage.location(),
                                  usage.repo(),
                                  usage.commit(),
                                  at)
                              : store.release(
                                  usage.deployment(),
                                  usage.location(),
                                  usage.repo(),
                                  usage.commit(),
                                  at);
                      return write.replaceWith(true);
                    }));
  }
}
