package dev.modelmanager.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForwardingInterceptorTest {
  private final ForwardingInterceptor weights =
      new ForwardingInterceptor("weights-service", "weights.internal", 8082, "", null);
  private final ForwardingInterceptor prefixed =
      new ForwardingInterceptor("weights-service", "weights.internal", 80, "/svc", null);

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
}
