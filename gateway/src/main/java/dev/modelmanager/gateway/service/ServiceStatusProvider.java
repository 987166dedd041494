package dev.modelmanager.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.client.ServiceClient;
import dev.modelmanager.gateway.client.ServiceReply;
import dev.modelmanager.gateway.config.GatewayConfig;
import dev.modelmanager.kit.info.ComponentsProvider;
import dev.modelmanager.kit.info.SecretRedactor;
import dev.modelmanager.model.system.SystemInfo;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The gateway's part of system info: every service's own info and health, asked in parallel, each
 * within the probe timeout. A service that does not answer is DOWN with a short reason.
 */
@ApplicationScoped
public class ServiceStatusProvider implements ComponentsProvider {
  static final String UP = "UP";
  static final String DOWN = "DOWN";
  private static final Logger LOG = Logger.getLogger(ServiceStatusProvider.class);

  private final GatewayConfig config;
  private final ServiceClient client;
  private final ObjectMapper mapper;

  ServiceStatusProvider(GatewayConfig config, ServiceClient client, ObjectMapper mapper) {
    this.config = config;
    this.client = client;
    this.mapper = mapper;
  }

  @Override
  public Uni<Map<String, SystemInfo.ComponentStatus>> components() {
    List<String> names = new ArrayList<>(new TreeMap<>(config.services()).keySet());
    if (names.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<Uni<SystemInfo.ComponentStatus>> probes =
        names.stream().map(n -> status(config.services().get(n).url())).toList();
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

  private Uni<SystemInfo.ComponentStatus> status(String url) {
    Uni<Optional<SystemInfo>> info =
        client
            .get(url, "/api/v1/system/info")
            .map(this::info)
            .onFailure()
            .recoverWithItem(Optional.empty());
    Uni<Health> health =
        client.get(url, "/q/health").map(this::health).onFailure().recoverWithItem(Health::of);
    String shownUrl = SecretRedactor.redactValue(url);
    return Uni.combine()
        .all()
        .unis(info, health)
        .with(
            (i, h) ->
                new SystemInfo.ComponentStatus(shownUrl, h.status(), h.error(), i.orElse(null)));
  }

  private Optional<SystemInfo> info(ServiceReply reply) {
    if (!reply.ok()) {
      return Optional.empty();
    }
    try {
      SystemInfo raw = mapper.readValue(reply.body().getBytes(), SystemInfo.class);
      return Optional.of(redacted(raw));
    } catch (IOException e) {
      LOG.debugf("unreadable system info: %s", e.getClass().getSimpleName());
      return Optional.empty();
    }
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

  private Health health(ServiceReply reply) {
    try {
      JsonNode body = mapper.readTree(reply.body().getBytes());
      String status = body.path("status").asText(reply.ok() ? UP : DOWN);
      return new Health(
          UP.equals(status) ? UP : DOWN, UP.equals(status) ? null : "health reports " + status);
    } catch (IOException e) {
      return new Health(
          reply.ok() ? UP : DOWN, reply.ok() ? null : "health answered " + reply.status());
    }
  }

  /** A service's health as seen from the gateway. */
  record Health(String status, String error) {
    static Health of(Throwable failure) {
      String reason =
          failure instanceof io.smallrye.mutiny.TimeoutException
                  || failure instanceof java.util.concurrent.TimeoutException
              ? "did not answer within the probe timeout"
              : "not reachable (" + failure.getClass().getSimpleName() + ")";
      return new Health(DOWN, reason);
    }
  }
}
