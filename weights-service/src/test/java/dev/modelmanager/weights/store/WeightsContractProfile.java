package dev.modelmanager.weights.store;

import dev.modelmanager.testkit.store.StoreContractProfile;
import dev.modelmanager.weights.WeightsHubResource;
import java.util.List;
import java.util.Map;

/**
 * The shared store-contract app (Postgres, Kafka, a fresh SQLite file) with the weights locations
 * and its job runner off, so store tests own every job they insert.
 */
public class WeightsContractProfile extends StoreContractProfile {
  @Override
  protected List<TestResourceEntry> moreResources() {
    return List.of(new TestResourceEntry(WeightsHubResource.class));
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("mm.weights.jobs.enabled", "false");
  }
}
