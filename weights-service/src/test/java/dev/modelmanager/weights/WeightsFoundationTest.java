package dev.modelmanager.weights;

import dev.modelmanager.testkit.service.FoundationProfile;
import dev.modelmanager.testkit.service.ServiceFoundationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(FoundationProfile.class)
class WeightsFoundationTest extends ServiceFoundationTest {
  @Override
  protected String serviceName() {
    return "weights-service";
  }
}
