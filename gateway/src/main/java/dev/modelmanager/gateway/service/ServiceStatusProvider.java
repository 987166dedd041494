package dev.modelmanager.gateway.service;

import dev.modelmanager.gateway.client.ServiceClient;
import dev.modelmanager.gateway.config.GatewayConfig;
import dev.modelmanager.kit.info.ComponentsProvider;
import dev.modelmanager.kit.info.SecretRedactor;
import dev.modelmanager.model.system.SystemInfo;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The gateway's part of system info: every service's own info and health, asked in parallel, each
 * within the probe timeout. A service that does not answer is DOWN with a short reason.
 */
@ApplicationScoped
public class ServiceStatusProvider implements ComponentsProvider {

  private final GatewayConfig config;
  private final ServiceClient client;

  ServiceStatusProvider(GatewayConfig config, ServiceClient client) {
    this.config = config;
    this.client = client;
  }

  @Override
  public Uni<Map<String, SystemInfo.ComponentStatus>> components() {
    List<String> names = new ArrayList<>(new TreeMap<>(config.services()).keySet());
    if (names.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<Uni<SystemInfo.ComponentStatus>> probes = names.stream().map(this::status).toList();
    return Uni.join()
        .all(probes)
        .andFailFast()
        .map(
            statuses -> {
              SortedMap<String, SystemInfo.ComponentStatus> out = new TreeMap<>();
              for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), statuses.get(i));
              }
              return out;
            });
  }

  private Uni<SystemInfo.ComponentStatus> status(String service) {
    String shownUrl = SecretRedactor.redactValue(config.services().get(service).url());
    return Uni.combine()
        .all()
        .unis(client.systemInfo(service), client.health(service))
        .with(
            (info, health) ->
                new SystemInfo.ComponentStatus(
                    shownUrl,
                    health.status(),
                    health.error(),
                    info.map(ServiceStatusProvider::redacted).orElse(null)));
  }

  /** Services redact their own config; redacting again keeps a misconfigured one from leaking. */
  private static SystemInfo redacted(SystemInfo info) {
    SortedMap<String, String> shown = new TreeMap<>();
    if (info.config() != null) {
      info.config().forEach((k, v) -> shown.put(k, SecretRedactor.redact(k, v)));
    }
    return new SystemInfo(
        info.name(),
        info.version(),
        info.commit(),
        info.startedAt(),
        info.uptimeSeconds(),
        info.store(),
        shown,
        null);
  }
}
