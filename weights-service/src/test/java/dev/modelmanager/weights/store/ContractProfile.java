package dev.modelmanager.weights.store;

import dev.modelmanager.weights.WeightsTestProfile;
import java.util.Map;

/** The weights application with its job runner off, so store tests own every job they insert. */
public class ContractProfile extends WeightsTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("mm.weights.jobs.enabled", "false");
  }
}
