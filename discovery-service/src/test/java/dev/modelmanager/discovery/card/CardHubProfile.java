package dev.modelmanager.discovery.card;

import dev.modelmanager.discovery.DiscoveryTestProfile;
import dev.modelmanager.testkit.hub.FakeHub;
import dev.modelmanager.testkit.hub.Gated;
import dev.modelmanager.testkit.hub.HubRepo;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * The discovery profile against a hub of its own with the model cards the README tests need: one
 * with front matter, one without a README, one gated, one over the size cap.
 */
public class CardHubProfile extends DiscoveryTestProfile {
  static final String URL_PROPERTY = "modelmanager.test.card-hub.url";

  static final String CARD =
      """
      ---
      license: apache-2.0
      pipeline_tag: text-generation
      ---

      # Carded

      A small model. <script>alert('x')</script>

      [docs](https://example.com/docs) and [bad](javascript:alert(1))
      """;

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(PostgresResource.class),
        new TestResourceEntry(KafkaResource.class),
        new TestResourceEntry(Hub.class));
  }

  /** Starts the card hub once per JVM and points mm.hf.endpoint at it. */
  public static class Hub implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      return Map.of("mm.hf.endpoint", url());
    }

    @Override
    public void stop() {
      // One hub per JVM; it dies with it.
    }

    static synchronized String url() {
      String url = System.getProperty(URL_PROPERTY);
      if (url == null) {
        FakeHub hub = new FakeHub();
        hub.addRepo(HubRepo.builder("acme/carded").textFile("README.md", CARD).build());
        hub.addRepo(HubRepo.builder("acme/no-card").textFile("config.json", "{}").build());
        hub.addRepo(
            HubRepo.builder("acme/gated")
                .gated(Gated.MANUAL)
                .tokens("hf_someone_else")
                .textFile("README.md", "# Gated\n")
                .build());
        // 600 KiB of 3-byte characters: the 512 KiB cut falls inside one.
        hub.addRepo(
            HubRepo.builder("acme/huge-card")
                .textFile("README.md", "# Huge\n\n" + "€".repeat(200 * 1024))
                .build());
        hub.start();
        url = hub.url();
        System.setProperty(URL_PROPERTY, url);
      }
      return url;
    }
  }
}
