package dev.modelmanager.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the event intake is held back: events wait in Kafka until the store is back. */
@Readiness
@ApplicationScoped
public class IntakeReadinessCheck implements HealthCheck {
  static final String NAME = "event-intake";

  private final IntakeState state;

  IntakeReadinessCheck(IntakeState state) {
    this.state = state;
  }

  @Override
  public HealthCheckResponse call() {
    IntakeState.Stall stall = state.stall();
    if (stall == null) {
      return HealthCheckResponse.named(NAME).up().build();
    }
    return HealthCheckResponse.named(NAME)
        .down()
        .withData("stalledSince", stall.since().toString())
        .withData("error", stall.error())
        .withData("detail", "the event log store fails; consumption waits, nothing is skipped")
        .build();
  }
}
