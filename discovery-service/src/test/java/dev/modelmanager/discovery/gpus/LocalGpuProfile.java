package dev.modelmanager.discovery.gpus;

import dev.modelmanager.discovery.DiscoveryTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * A local run's GPU setup: no Kubernetes source (the default), two static profiles plus one unknown
 * name and four GPUs per static node.
 */
public class LocalGpuProfile extends DiscoveryTestProfile {
  public static final String REPORT_TTL = "10m";

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>(super.getConfigOverrides());
    config.put("mm.schema", "discovery_gpus");
    config.put("mm.discovery.gpus.static-profiles", "H100-80GB,MI300X,Voodoo2");
    config.put("mm.discovery.gpus.static-count-per-node", "4");
    config.put("mm.discovery.gpus.report-ttl", REPORT_TTL);
    return config;
  }
}
