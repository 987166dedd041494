package dev.modelmanager.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Whether the event intake is flowing or held back by a failing store, and since when. */
@ApplicationScoped
public class IntakeState {
  /** The intake is waiting on the store: since when, and the last error's kind. */
  public record Stall(Instant since, String error) {}

  private final AtomicReference<Stall> stall = new AtomicReference<>();

  void failed(Throwable error) {
    String kind = error.getClass().getSimpleName();
    stall.getAndUpdate(s -> new Stall(s == null ? Instant.now() : s.since(), kind));
  }

  void flowing() {
    stall.set(null);
  }

  /** The current stall, or null while events are stored as they arrive. */
  public Stall stall() {
    return stall.get();
  }
}
