package dev.modelmanager.gateway.events;

import dev.modelmanager.gateway.service.EventLogService;
import dev.modelmanager.kit.events.EventJson;
import dev.modelmanager.model.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes in every event of every {@code mm.*} topic (a pattern subscription, so topics created later
 * are picked up too) and keeps it in the event log once per event id.
 */
@ApplicationScoped
public class EventIntake {
  static final String CHANNEL = "mm-intake";
  private static final Logger LOG = Logger.getLogger(EventIntake.class);

  private final EventJson json;
  private final EventLogService log;

  EventIntake(EventJson json, EventLogService log) {
    this.json = json;
    this.log = log;
  }

  @Incoming(CHANNEL)
  public Uni<Void> receive(ConsumerRecord<String, String> record) {
    CloudEvent event;
    try {
      event = json.read(record.value());
    } catch (RuntimeException e) {
      // A record that is not a CloudEvent can never become one: skip it, keep the intake going.
      LOG.warnf(
          "skipping a record that is not a CloudEvent at %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return Uni.createFrom().voidItem();
    }
    // A store failure is usually brief (a failover, a restart): retry for a while before the
    // failure strategy lets the intake move on.
    return log.record(event, record.topic())
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .atMost(10)
        .invoke(first -> LOG.debugf("event %s %s", event.id(), first ? "logged" : "seen before"))
        .replaceWithVoid();
  }
}
