package dev.modelmanager.kit.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One gauge per value of a state enum ({@code name{state="…"}}), each registered from the start at
 * 0 so a dashboard sees every state, and set together from a count by state.
 */
public final class StateGauges<S extends Enum<S>> {
  private final Map<S, AtomicLong> byState;

  public StateGauges(MeterRegistry registry, String name, String description, Class<S> states) {
    byState = new EnumMap<>(states);
    for (S s : states.getEnumConstants()) {
      AtomicLong n = new AtomicLong();
      byState.put(s, n);
      Gauge.builder(name, n, AtomicLong::get)
          .description(description)
          .tag("state", s.name())
          .register(registry);
    }
  }

  /** Sets every state's gauge; a state missing from {@code counts} is 0. */
  public void set(Map<S, Long> counts) {
    byState.forEach((s, n) -> n.set(counts.getOrDefault(s, 0L)));
  }
}
