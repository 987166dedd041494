package dev.modelmanager.deploy.events;

import dev.modelmanager.deploy.domain.DeactivateMode;
import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionAction;
import dev.modelmanager.deploy.domain.RevisionState;
import dev.modelmanager.kit.events.EventJson;
import dev.modelmanager.kit.events.Outbox;
import dev.modelmanager.kit.events.OutboxMessage;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.model.events.DeployEvents;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * deploy-service's events, appended to the outbox inside the caller's transaction; all keyed by the
 * deployment name so they stay in order per deployment.
 */
@ApplicationScoped
public class DeployEventLog {
  static final String SOURCE = "/mm/deploy-service";
  private static final String AGGREGATE = "deployment";

  private final Outbox outbox;
  private final EventJson json;

  DeployEventLog(Outbox outbox, EventJson json) {
    this.outbox = outbox;
    this.json = json;
  }

  /** The revision reached {@code state}. */
  public Uni<Void> revision(Revision r, RevisionState state, String reason) {
    return emit(
        r.deployment(),
        EventTypes.DEPLOY_REVISION_PREFIX + state.eventName(),
        new DeployEvents.RevisionChanged(
            r.deployment(),
            r.number(),
            r.action().name(),
            state.name(),
            reason,
            r.entryId(),
            r.catalogCommit(),
            r.actor()));
  }

  /** The request that created {@code r} was accepted. */
  public Uni<Void> deployment(Revision r) {
    String type =
        switch (r.action()) {
          case ACTIVATE -> EventTypes.DEPLOY_DEPLOYMENT_ACTIVATED;
          case ROLLBACK -> EventTypes.DEPLOY_DEPLOYMENT_ROLLED_BACK;
          case DEACTIVATE -> EventTypes.DEPLOY_DEPLOYMENT_DEACTIVATED;
        };
    DeactivateMode mode = r.action() == RevisionAction.DEACTIVATE ? r.deactivateMode() : null;
    return emit(
        r.deployment(),
        type,
        new DeployEvents.DeploymentChanged(
            r.deployment(),
            r.number(),
            r.entryId(),
            r.rollbackOf(),
            mode == null ? null : mode.name(),
            r.actor(),
            r.reason()));
  }

  /** The active revision's live health went from {@code previous} to {@code health}. */
  public Uni<Void> health(Revision r, String health, String previous, String reason) {
    return emit(
        r.deployment(),
        EventTypes.DEPLOY_DEPLOYMENT_HEALTH_CHANGED,
        new DeployEvents.HealthChanged(r.deployment(), r.number(), health, previous, reason));
  }

  /** The live InferenceService of a served revision differs from what the revision applied. */
  public Uni<Void> drift(Revision r, java.util.List<String> fields) {
    return emit(
        r.deployment(),
        EventTypes.DEPLOY_DRIFT_DETECTED,
        new DeployEvents.DriftDetected(r.deployment(), r.number(), fields));
  }

  /** The deployment started ({@code inUse}) or stopped using the revision's staged weights. */
  public Uni<Void> weightsUsage(Revision r, boolean inUse) {
    if (r.weightsLocation() == null || r.modelRepo() == null) {
      return Uni.createFrom().voidItem();
    }
    return emit(
        r.deployment(),
        EventTypes.DEPLOY_WEIGHTS_USAGE,
        new DeployEvents.WeightsUsage(
            r.deployment(), r.weightsLocation(), r.modelRepo(), r.modelCommit(), inUse));
  }

  private Uni<Void> emit(String deployment, String type, Object data) {
    CloudEvent event = CloudEvent.create(SOURCE, type, deployment, json.tree(data));
    return outbox.append(new OutboxMessage(Topics.DEPLOY, AGGREGATE, deployment, event));
  }
}
