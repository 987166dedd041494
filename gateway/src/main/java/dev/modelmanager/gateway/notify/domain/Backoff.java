package dev.modelmanager.gateway.notify.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential from {@code initial}, capped at {@code max},
 * with "equal jitter" (half fixed, half random) so retries of many channels do not align; a
 * receiver's {@code Retry-After} wins when it asks for longer (still capped at {@code max}).
 */
public record Backoff(Duration initial, Duration max) {

  /** The delay before attempt {@code attempts + 1}, after {@code attempts} failed ones. */
  public Duration delay(int attempts, Duration retryAfter, RandomGenerator random) {
    long base = initial.toMillis();
    long cap = max.toMillis();
    long exp = base;
    for (int i = 1; i < attempts && exp < cap; i++) {
      exp *= 2;
    }
    exp = Math.min(exp, cap);
    long half = exp / 2;
    long jittered = half + (half > 0 ? random.nextLong(half + 1) : 0);
    if (retryAfter != null && retryAfter.toMillis() > jittered) {
      return Duration.ofMillis(Math.min(retryAfter.toMillis(), cap));
    }
    return Duration.ofMillis(jittered);
  }

  /** A {@code Retry-After} value (seconds or an HTTP date) as a duration from now, or null. */
  public static Duration parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
