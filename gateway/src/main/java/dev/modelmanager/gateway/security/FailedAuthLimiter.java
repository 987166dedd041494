package dev.modelmanager.gateway.security;

import dev.modelmanager.gateway.config.AuthConfig;
import dev.modelmanager.gateway.domain.TrustedProxies;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down token guessing: after {@code mm.auth.failures.max} refused credentials from one client
 * address within {@code mm.auth.failures.window}, that address gets 429 until the window has
 * passed. Counted per gateway replica (each replica throttles what it sees).
 */
@Singleton
public class FailedAuthLimiter {
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final int max;
  private final Duration window;
  private final Clock clock;
  private final TrustedProxies exempt;

  @Inject
  FailedAuthLimiter(AuthConfig config) {
    this(
        config.failures().max(),
        config.failures().window(),
        Clock.systemUTC(),
        TrustedProxies.of(config.failures().exempt().orElse(List.of())));
  }

  FailedAuthLimiter(int max, Duration window, Clock clock, TrustedProxies exempt) {
    this.max = max;
    this.window = window;
    this.clock = clock;
    this.exempt = exempt;
  }

  /** How long {@code address} must wait, when it has failed too often. */
  public Optional<Duration> blocked(String address) {
    Window w = windows.get(key(address));
    Instant now = clock.instant();
    if (w == null || !now.isBefore(w.endsAt)) {
      return Optional.empty();
    }
    if (w.failures < max) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, w.endsAt));
  }

  /** Counts a refused credential. */
  public void failed(String address) {
    if (exempt.trusts(address)) {
      return;
    }
    Instant now = clock.instant();
    if (windows.size() > 100_000) {
      windows.values().removeIf(w -> !now.isBefore(w.endsAt));
    }
    windows.compute(
        key(address),
        (k, w) ->
            w == null || !now.isBefore(w.endsAt)
                ? new Window(1, now.plus(window))
                : new Window(w.failures + 1, w.endsAt));
  }

  private static String key(String address) {
    return address == null ? "unknown" : address;
  }

  private record Window(int failures, Instant endsAt) {}
}
