package dev.modelmanager.gateway.events;

import dev.modelmanager.gateway.audit.AuditOutcomes;
import dev.modelmanager.gateway.service.EventLogService;
import dev.modelmanager.kit.events.EventJson;
import dev.modelmanager.model.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
  private static final Duration RETRY_FIRST = Duration.ofMillis(200);
  private static final Duration RETRY_MAX = Duration.ofSeconds(5);

  private final EventJson json;
  private final EventLogService log;
  private final IntakeState state;
  private final AuditOutcomes audit;
  private final Event<EventLogAppended> appended;

  EventIntake(
      EventJson json,
      EventLogService log,
      IntakeState state,
      AuditOutcomes audit,
      Event<EventLogAppended> appended) {
    this.json = json;
    this.log = log;
    this.state = state;
    this.audit = audit;
    this.appended = appended;
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
    // A store failure never skips the event: retry until the store is back. Until then this
    // record is not acknowledged, so the committed offset stays before it and the consumer waits;
    // readiness reports the stall (IntakeReadinessCheck).
    return Uni.createFrom()
        .deferred(() -> log.record(event, record.topic()))
        .invoke(
            isNew -> {
              if (isNew) {
                appended.fire(new EventLogAppended(event.id()));
              }
            })
        // Outcomes of background work also go into the audit trail (once per event id), before
        // the record is acknowledged.
        .call(() -> audit.record(event))
        .onFailure()
        .invoke(state::failed)
        .onFailure()
        .retry()
        .withBackOff(RETRY_FIRST, RETRY_MAX)
        .indefinitely()
        .invoke(state::flowing)
        .replaceWithVoid();
  }
}
