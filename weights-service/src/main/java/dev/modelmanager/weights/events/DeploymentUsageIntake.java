package dev.modelmanager.weights.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.kit.events.EventJson;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.model.events.DeployEvents;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.weights.service.DeploymentUsage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes deploy-service's {@code mm.deploy} topic and keeps which deployment serves which
 * snapshot. Only weights usage events matter here; the rest of the topic is skipped. The topic is
 * keyed by deployment, so one deployment's events arrive in order.
 */
@ApplicationScoped
public class DeploymentUsageIntake {
  static final String CHANNEL = "deploy-usage";
  private static final Logger LOG = Logger.getLogger(DeploymentUsageIntake.class);
  private static final Duration RETRY_FIRST = Duration.ofMillis(200);
  private static final Duration RETRY_MAX = Duration.ofSeconds(5);
  private static final Pattern DEPLOYMENT = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

  private final EventJson json;
  private final ObjectMapper mapper;
  private final DeploymentUsage usage;

  DeploymentUsageIntake(EventJson json, ObjectMapper mapper, DeploymentUsage usage) {
    this.json = json;
    this.mapper = mapper;
    this.usage = usage;
  }

  @Incoming(CHANNEL)
  public Uni<Void> receive(ConsumerRecord<String, String> record) {
    DeployEvents.WeightsUsage data;
    CloudEvent event;
    try {
      event = json.read(record.value());
      if (!EventTypes.DEPLOY_WEIGHTS_USAGE.equals(event.type())) {
        return Uni.createFrom().voidItem();
      }
      data = mapper.treeToValue(event.data(), DeployEvents.WeightsUsage.class);
      requireValid(data);
    } catch (Exception e) {
      // A malformed record can never become valid: skip it, keep the consumer going.
      LOG.warnf(
          "skipping a record that is not a valid weights usage event at %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return Uni.createFrom().voidItem();
    }
    Instant at = event.time() == null ? Instant.ofEpochMilli(record.timestamp()) : event.time();
    String id = event.id();
    // A store failure never skips the event: the record stays unacknowledged and is retried.
    return Uni.createFrom()
        .deferred(() -> usage.apply(id, data, at))
        .onFailure()
        .invoke(e -> LOG.warnf("recording weights usage event %s: %s", id, e.toString()))
        .onFailure()
        .retry()
        .withBackOff(RETRY_FIRST, RETRY_MAX)
        .indefinitely()
        .replaceWithVoid();
  }

  private static void requireValid(DeployEvents.WeightsUsage u) {
    if (u == null
        || u.deployment() == null
        || !DEPLOYMENT.matcher(u.deployment()).matches()
        || u.location() == null
        || u.location().isBlank()
        || !RepoId.isValid(u.repo())
        || u.commit() == null
        || !COMMIT.matcher(u.commit()).matches()) {
      throw new IllegalArgumentException(
          "missing or malformed deployment, location, repo or commit");
    }
  }
}
