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
}
