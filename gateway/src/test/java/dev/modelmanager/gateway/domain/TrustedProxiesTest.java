package dev.modelmanager.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private final TrustedProxies trusted =
      TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

  @Test
  void addressesInsideARangeOrEqualToAnEntryAreTrusted() {
    assertThat(trusted.trusts("10.200.3.4")).isTrue();
    assertThat(trusted.trusts("192.168.1.7")).isTrue();
    assertThat(trusted.trusts("fd12:3456::1")).isTrue();
  }

  @Test
  void everythingElseIsNot() {
    assertThat(trusted.trusts("11.0.0.1")).isFalse();
    assertThat(trusted.trusts("192.168.1.8")).isFalse();
    assertThat(trusted.trusts("fe80::1")).isFalse();
    assertThat(trusted.trusts(null)).isFalse();
    assertThat(trusted.trusts("localhost")).isFalse();
    assertThat(TrustedProxies.none().trusts("10.0.0.1")).isFalse();
  }

  @Test
  void namesAndBadRangesAreRejectedAtStartUp() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theClientBehindTrustedProxiesIsTheRightMostUntrustedForwardedAddress() {
    assertThat(trusted.clientOf("10.0.0.5", "203.0.113.9")).isEqualTo("203.0.113.9");
    // The client made up the first entry; the trusted proxy appended what it saw.
    assertThat(trusted.clientOf("10.0.0.5", "1.2.3.4, 203.0.113.9")).isEqualTo("203.0.113.9");
    assertThat(trusted.clientOf("10.0.0.5", "203.0.113.9, 10.1.1.1")).isEqualTo("203.0.113.9");
    assertThat(trusted.clientOf("10.0.0.5", "10.1.1.1")).isEqualTo("10.1.1.1");
    assertThat(trusted.clientOf("10.0.0.5", "not-an-ip, 10.1.1.1")).isEqualTo("10.1.1.1");
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItForwards() {
    assertThat(trusted.clientOf("198.51.100.1", "203.0.113.9")).isEqualTo("198.51.100.1");
    assertThat(trusted.clientOf("10.0.0.5", null)).isEqualTo("10.0.0.5");
    assertThat(trusted.clientOf("10.0.0.5", " ")).isEqualTo("10.0.0.5");
  }
}
