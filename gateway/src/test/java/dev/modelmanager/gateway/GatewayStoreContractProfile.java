package dev.modelmanager.gateway;

import dev.modelmanager.testkit.store.StoreContractProfile;
import java.util.Map;

/**
 * The gateway's store contract app, without the notification dispatcher: the dispatcher works the
 * active store (Postgres) and would send and re-save a contract test's due deliveries behind its
 * back.
 */
public class GatewayStoreContractProfile extends StoreContractProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("mm.notify.enabled", "false");
  }
}
