package dev.modelmanager.kit.hf;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** When to retry a Hub request and how long to wait: exponential with jitter, Retry-After first. */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

  /** Whether a response status is worth another try. */
  public static boolean retryable(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /**
   * The wait before retry number {@code attempt} (1-based): the server's Retry-After when it gave
   * one, else initial × 2^(attempt-1) with ±20% jitter; never more than maxBackoff.
   */
  public Duration delay(int attempt, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      return min(retryAfter.get(), maxBackoff);
    }
    long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return min(Duration.ofMillis((long) (base * jitter)), maxBackoff);
  }

  /** Parses a Retry-After header given in seconds (the Hub's form); dates are ignored. */
  public static Optional<Duration> parseRetryAfter(String header) {
    if (header == null) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
