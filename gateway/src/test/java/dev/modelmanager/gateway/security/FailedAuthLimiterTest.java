package dev.modelmanager.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.gateway.domain.TrustedProxies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailedAuthLimiterTest {
  private Instant now = Instant.parse("2026-11-30T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void anAddressIsBlockedAfterTooManyFailuresUntilTheWindowEnds() {
    FailedAuthLimiter limiter =
        new FailedAuthLimiter(3, Duration.ofSeconds(60), clock, TrustedProxies.none());
    limiter.failed("10.0.0.1");
    limiter.failed("10.0.0.1");
    assertThat(limiter.blocked("10.0.0.1")).isEmpty();
    limiter.failed("10.0.0.1");
    assertThat(limiter.blocked("10.0.0.1")).contains(Duration.ofSeconds(60));
    assertThat(limiter.blocked("10.0.0.2")).as("other addresses").isEmpty();

    now = now.plusSeconds(45);
    assertThat(limiter.blocked("10.0.0.1")).contains(Duration.ofSeconds(15));
    now = now.plusSeconds(15);
    assertThat(limiter.blocked("10.0.0.1")).isEmpty();
    limiter.failed("10.0.0.1");
    assertThat(limiter.blocked("10.0.0.1")).as("a new window starts at one").isEmpty();
  }

  @Test
  void exemptAddressesAreNeverBlocked() {
    FailedAuthLimiter limiter =
        new FailedAuthLimiter(
            1, Duration.ofSeconds(60), clock, TrustedProxies.of(List.of("10.9.0.0/16")));
    limiter.failed("10.9.1.2");
    limiter.failed("10.9.1.2");
    assertThat(limiter.blocked("10.9.1.2")).isEmpty();
    limiter.failed("10.8.1.2");
    assertThat(limiter.blocked("10.8.1.2")).isPresent();
  }
}
