package dev.modelmanager.discovery.gpus;

import dev.modelmanager.discovery.DiscoveryTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The discovery test setup with the Kubernetes GPU source on; the test class brings the fabric8
 * mock API server. Its own schema keeps other discovery test runs from cleaning it underneath.
 */
public class KubernetesGpuProfile extends DiscoveryTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>(super.getConfigOverrides());
    config.put("mm.schema", "discovery_gpus_k8s");
    config.put("mm.discovery.gpus.kubernetes", "true");
    config.put("mm.discovery.gpus.kubernetes-timeout", "5s");
    config.put("mm.discovery.gpus.static-profiles", "L4-24GB");
    config.put("quarkus.kubernetes-client.request-retry-backoff-limit", "0");
    return config;
  }
}
