package dev.modelmanager.gateway;

import dev.modelmanager.testkit.service.FoundationProfile;
import dev.modelmanager.testkit.service.ServiceFoundationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/** What every component promises, through the gateway's pipeline (with the admin token). */
@QuarkusTest
@TestProfile(GatewayFoundationTest.WithAdminToken.class)
class GatewayFoundationTest extends ServiceFoundationTest {

  /** The shared foundation profile, plus the admin token the gateway accepts. */
  public static class WithAdminToken extends FoundationProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> settings = new HashMap<>(super.getConfigOverrides());
      settings.put("mm.auth.bootstrap.token", TestAuth.adminToken());
      return settings;
    }
  }

  @Override
  protected String serviceName() {
    return "gateway";
  }

  @Override
  protected RequestSpecification request() {
    return TestAuth.asAdmin();
  }
}
