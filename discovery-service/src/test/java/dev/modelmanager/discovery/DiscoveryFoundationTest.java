package dev.modelmanager.discovery;

import dev.modelmanager.testkit.service.FoundationProfile;
import dev.modelmanager.testkit.service.ServiceFoundationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(FoundationProfile.class)
class DiscoveryFoundationTest extends ServiceFoundationTest {
  @Override
  protected String serviceName() {
    return "discovery-service";
  }
}
