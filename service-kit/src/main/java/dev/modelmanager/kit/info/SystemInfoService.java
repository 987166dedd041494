package dev.modelmanager.kit.info;

import dev.modelmanager.kit.config.KitConfig;
import dev.modelmanager.model.system.SystemInfo;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/** Assembles this component's system info: identity, uptime and every tunable, secrets hidden. */
@ApplicationScoped
public class SystemInfoService {
  /** Keys shown as tunables: our own settings and the infrastructure ones an operator sets. */
  static final List<String> TUNABLE_PREFIXES =
      List.of(
          "mm.",
          "hf.",
          "kafka.",
          "mp.messaging.",
          "quarkus.datasource.",
          "quarkus.http.port",
          "quarkus.http.host",
          "quarkus.log.level",
          "quarkus.rest-client.");

  private final KitConfig kit;
  private final BuildInfo build;
  private final Config config;
  private final Instance<ComponentsProvider> components;

  SystemInfoService(
      KitConfig kit, BuildInfo build, Config config, Instance<ComponentsProvider> components) {
    this.kit = kit;
    this.build = build;
    this.config = config;
    this.components = components;
  }

  public Uni<SystemInfo> info() {
    Uni<java.util.Map<String, SystemInfo.ComponentStatus>> others =
        components.isResolvable() ? components.get().components() : Uni.createFrom().nullItem();
    return others.map(this::infoWith);
  }

  /** This component alone, without asking others. */
  public SystemInfo localInfo() {
    return infoWith(null);
  }

  private SystemInfo infoWith(java.util.Map<String, SystemInfo.ComponentStatus> others) {
    Instant started = build.startedAt();
    return new SystemInfo(
        kit.serviceName(),
        build.version(),
        build.commit(),
        started,
        Duration.between(started, Instant.now()).toSeconds(),
        kit.store().name().toLowerCase(java.util.Locale.ROOT),
        tunables(),
        others);
  }

  SortedMap<String, String> tunables() {
    SortedMap<String, String> out = new TreeMap<>();
    for (String name : config.getPropertyNames()) {
      if (isTunable(name)) {
        config
            .getOptionalValue(name, String.class)
            .ifPresent(v -> out.put(name, SecretRedactor.redact(name, v)));
      }
    }
    return out;
  }

  static boolean isTunable(String name) {
    // Profile-specific keys (%test.x) are shadows of the effective value, not tunables themselves.
    if (name.startsWith("%")) {
      return false;
    }
    for (String prefix : TUNABLE_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
