package dev.modelmanager.gateway;

import dev.modelmanager.testkit.service.FoundationProfile;
import dev.modelmanager.testkit.service.ServiceFoundationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** What every component promises, through the gateway's pipeline. */
@QuarkusTest
@TestProfile(FoundationProfile.class)
class GatewayFoundationTest extends ServiceFoundationTest {
  @Override
  protected String serviceName() {
    return "gateway";
  }
}
