package dev.modelmanager.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmanager.gateway.notify.service.TargetGuard;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard with the production defaults: https only, no allow-list. */
class TargetGuardTest {
  private final TargetGuard strict = new TargetGuard(false, List.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/hook",
        "https://127.1.2.3/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.1/hook",
        "https://172.16.5.4/hook",
        "https://192.168.0.1/hook",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://[::1]/hook",
        "https://[fe80::1]/hook",
        "https://[fd00:ec2::254]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://localhost/hook",
        "https://2130706433/hook"
      })
  void loopbackLinkLocalPrivateAndMetadataAddressesAreRefused(String url) {
    assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetGuard.RefusedTarget.class);
  }

  @Test
  void aNameResolvingToLoopbackIsRefusedWhateverItIsCalled() {
    // "localhost" is the portable name that resolves to loopback on every machine.
    assertThatThrownBy(() -> strict.check("https://LocalHost:8443/x"))
        .isInstanceOf(TargetGuard.RefusedTarget.class)
        .hasMessageContaining("resolves to");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://93.184.215.14/hook",
        "ftp://93.184.215.14/hook",
        "file:///etc/passwd",
        "https://user:secret@93.184.215.14/hook",
        "not a url",
        "https:///nohost"
      })
  void onlyHttpsWithoutCredentialsIsAccepted(String url) {
    assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetGuard.RefusedTarget.class);
  }

  @Test
  void aPublicHttpsAddressPassesAndIsTheAddressToConnectTo() {
    TargetGuard.Resolved r = strict.check("https://93.184.215.14:8443/hook?x=1");
    assertThat(r.address().getHostAddress()).isEqualTo("93.184.215.14");
    assertThat(r.port()).isEqualTo(8443);
  }

  @Test
  void theAllowListAdmitsExactlyWhatItNames() {
    TargetGuard local = new TargetGuard(true, List.of("127.0.0.1/32"));
    assertThat(local.check("http://127.0.0.1:1234/hook").address().getHostAddress())
        .isEqualTo("127.0.0.1");
    TargetGuard named = new TargetGuard(true, List.of("localhost:9000"));
    assertThat(named.check("http://localhost:9000/hook")).isNotNull();
    // Another port of the allowed name, and other private ranges, stay refused.
    assertThatThrownBy(() -> named.check("http://localhost:9001/hook"))
        .isInstanceOf(TargetGuard.RefusedTarget.class);
    assertThatThrownBy(() -> local.check("http://10.0.0.1/hook"))
        .isInstanceOf(TargetGuard.RefusedTarget.class);
    assertThatThrownBy(() -> local.check("http://169.254.169.254/"))
        .isInstanceOf(TargetGuard.RefusedTarget.class);
    TargetGuard range = new TargetGuard(false, List.of("10.1.0.0/16"));
    assertThat(range.check("https://10.1.200.3/")).isNotNull();
    assertThatThrownBy(() -> range.check("https://10.2.0.1/"))
        .isInstanceOf(TargetGuard.RefusedTarget.class);
  }
}
