package dev.modelmanager.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.gateway.domain.TrustedProxies;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ServiceForwarderTest {
  private final ServiceForwarder weights = forwarder("http://weights.internal:8082");
  private final ServiceForwarder prefixed = forwarder("http://weights.internal/svc/");

  private static ServiceForwarder forwarder(String url) {
    return new ServiceForwarder(
        "weights-service",
        URI.create(url),
        new ServiceForwarder.Timeouts(1000, 1000, 1000),
        null,
        null,
        TrustedProxies.none(),
        Long.MAX_VALUE);
  }

  @Test
  void aLocationOnTheServicesOwnAddressBecomesAGatewayPath() {
    assertThat(weights.publicLocation("http://weights.internal:8082/api/v1/weights/installs/42"))
        .isEqualTo("/api/v1/weights/installs/42");
    assertThat(weights.publicLocation("http://WEIGHTS.internal:8082/api/v1/x?a=1&b=2"))
        .isEqualTo("/api/v1/x?a=1&b=2");
    assertThat(prefixed.publicLocation("http://weights.internal/svc/api/v1/x"))
        .isEqualTo("/api/v1/x");
  }

  @Test
  void otherLocationsPassUnchanged() {
    assertThat(weights.publicLocation("/api/v1/weights/installs/42"))
        .isEqualTo("/api/v1/weights/installs/42");
    assertThat(weights.publicLocation("https://huggingface.co/x"))
        .isEqualTo("https://huggingface.co/x");
    assertThat(weights.publicLocation("http://weights.internal:9999/x"))
        .isEqualTo("http://weights.internal:9999/x");
    assertThat(weights.publicLocation("not a uri ::")).isEqualTo("not a uri ::");
  }

  @Test
  void hopByHopHeadersAreKnownInAnyCase() {
    assertThat(
            java.util.stream.Stream.of(
                "Connection",
                "keep-alive",
                "Proxy-Authenticate",
                "proxy-authorization",
                "TE",
                "Trailer",
                "transfer-encoding",
                "UPGRADE",
                ":path"))
        .allMatch(ServiceForwarder::isHopByHop);
    assertThat(
            java.util.stream.Stream.of(
                "Content-Length", "Content-Type", "Authorization", "X-Request-ID", "Tea", "t"))
        .noneMatch(ServiceForwarder::isHopByHop);
  }

  @Test
  void theHeadersAConnectionHeaderNamesAreHopByHopToo() {
    assertThat(ServiceForwarder.connectionOptions(null)).isNull();
    assertThat(ServiceForwarder.connectionOptions("keep-alive")).isNull();
    assertThat(ServiceForwarder.connectionOptions("Keep-Alive, X-Hop , close,X-Other"))
        .containsExactly("x-hop", "x-other");
  }
}
