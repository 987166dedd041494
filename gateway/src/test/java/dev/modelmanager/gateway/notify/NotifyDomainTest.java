package dev.modelmanager.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.notify.domain.Backoff;
import dev.modelmanager.gateway.notify.domain.Channel;
import dev.modelmanager.gateway.notify.domain.ChannelType;
import dev.modelmanager.gateway.notify.domain.Severity;
import dev.modelmanager.gateway.notify.domain.Subscription;
import dev.modelmanager.gateway.notify.domain.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Backoff, subscriptions, severities and signatures, without I/O. */
class NotifyDomainTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void backoffDoublesWithJitterWithinItsCapAndHonoursALongerRetryAfter() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    Random r = new Random(7);
    for (int attempt = 1; attempt <= 10; attempt++) {
      long full = Math.min(1000L << (attempt - 1), 60_000);
      Duration d = b.delay(attempt, null, r);
      assertThat(d.toMillis()).isBetween(full / 2, full);
    }
    assertThat(b.delay(1, Duration.ofSeconds(30), r)).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.delay(1, Duration.ofHours(2), r)).isEqualTo(Duration.ofSeconds(60));
    Instant now = Instant.parse("2026-11-30T00:00:00Z");
    assertThat(Backoff.parseRetryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
    assertThat(Backoff.parseRetryAfter("Mon, 30 Nov 2026 00:01:00 GMT", now))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(Backoff.parseRetryAfter("soon", now)).isNull();
  }

  @Test
  void subscriptionsMatchTypePatternsSeverityAndFilters() throws Exception {
    Channel c =
        channel(
            List.of("dev.modelmanager.weights.install.*"), Severity.INFO, Map.of("model", "a/b"));
    var data = JSON.readTree("{\"model\":\"a/b\"}");
    assertThat(
            Subscription.wants(
                c, "dev.modelmanager.weights.install.succeeded", Severity.INFO, "s", data))
        .isTrue();
    assertThat(
            Subscription.wants(c, "dev.modelmanager.weights.installer", Severity.INFO, "s", data))
        .isFalse();
    assertThat(
            Subscription.wants(
                c,
                "dev.modelmanager.weights.install.failed",
                Severity.ERROR,
                "s",
                JSON.readTree("{\"model\":\"x/y\"}")))
        .isFalse();
    Channel warn = channel(List.of("*"), Severity.WARNING, Map.of());
    assertThat(
            Subscription.wants(
                warn, "dev.modelmanager.weights.install.succeeded", Severity.INFO, null, null))
        .isFalse();
    assertThat(
            Subscription.wants(
                warn, "dev.modelmanager.weights.install.failed", Severity.ERROR, null, null))
        .isTrue();
  }

  @Test
  void severitiesComeFromTheEventOrItsType() throws Exception {
    assertThat(Severity.of("dev.modelmanager.weights.install.failed", null))
        .isEqualTo(Severity.ERROR);
    assertThat(Severity.of("dev.modelmanager.catalog.validation.failed", null))
        .isEqualTo(Severity.WARNING);
    assertThat(
            Severity.of(
                "dev.modelmanager.weights.storage.threshold",
                JSON.readTree("{\"severity\":\"critical\"}")))
        .isEqualTo(Severity.CRITICAL);
    assertThat(
            Severity.of(
                "dev.modelmanager.deploy.deployment.health-changed",
                JSON.readTree("{\"state\":\"FAILED\"}")))
        .isEqualTo(Severity.ERROR);
    assertThat(Severity.of("dev.modelmanager.weights.install.succeeded", null))
        .isEqualTo(Severity.INFO);
  }

  @Test
  void signaturesVerifyWithTheIndependentVerifierAndSecretsAreRandom() throws Exception {
    String secret = WebhookSignature.newSecret();
    assertThat(secret).startsWith("whsec_").isNotEqualTo(WebhookSignature.newSecret());
    String body = "{\"id\":\"e1\"}";
    long ts = Instant.now().getEpochSecond();
    String sig = WebhookSignature.sign(secret, "msg_1", ts, body);
    new StandardWebhooksVerifier(secret).verify(body, "msg_1", String.valueOf(ts), sig);
  }

  @Test
  void signaturesMatchTheSpecificationsPublishedExample() {
    // The example of the Standard Webhooks reference libraries' test suites.
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String sig =
        WebhookSignature.sign(
            secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");
    assertThat(sig).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  private static Channel channel(List<String> events, Severity min, Map<String, String> filters) {
    return new Channel(
        "id",
        "n",
        ChannelType.WEBHOOK,
        "https://x",
        events,
        min,
        filters,
        null,
        true,
        null,
        Instant.EPOCH,
        Instant.EPOCH,
        null);
  }
}
