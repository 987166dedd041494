package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.client.KubernetesGpuSource;
import dev.modelmanager.discovery.config.DiscoveryConfig;
import dev.modelmanager.discovery.domain.gpu.GpuCatalog;
import dev.modelmanager.discovery.domain.gpu.GpuPool;
import dev.modelmanager.discovery.domain.gpu.GpuPoolNode;
import dev.modelmanager.discovery.domain.gpu.GpuPoolSource;
import dev.modelmanager.discovery.domain.gpu.GpuPools;
import dev.modelmanager.discovery.domain.gpu.GpuProfile;
import dev.modelmanager.discovery.domain.gpu.GpuReport;
import dev.modelmanager.discovery.service.GpuSourceStatus.State;
import dev.modelmanager.discovery.store.GpuReportStore;
import dev.modelmanager.kit.store.Transactor;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The GPU inventory: pools from Kubernetes nodes, node agent reports and static catalog profiles,
 * merged and cached for {@code mm.discovery.gpus.cache-ttl}. A source that fails is left out and
 * reported; the inventory itself always answers.
 */
@ApplicationScoped
public class GpuInventoryService {
  static final String CACHE = "gpu-inventory";
  private static final Logger LOG = Logger.getLogger(GpuInventoryService.class);
  private static final String KEY = "inventory";

  private final KubernetesGpuSource kubernetes;
  private final GpuReportStore reports;
  private final Transactor tx;
  private final Cache cache;
  private final DiscoveryConfig.Gpus config;
  private final Map<GpuPoolSource, Instant> lastWarned = new ConcurrentHashMap<>();

  GpuInventoryService(
      KubernetesGpuSource kubernetes,
      GpuReportStore reports,
      Transactor tx,
      @CacheName(CACHE) Cache cache,
      DiscoveryConfig config) {
    this.kubernetes = kubernetes;
    this.reports = reports;
    this.tx = tx;
    this.cache = cache;
    this.config = config.gpus();
  }

  /** The merged inventory, from the cache while it is younger than the cache TTL. */
  public Uni<GpuInventory> inventory() {
    Context caller = Vertx.currentContext();
    Uni<GpuInventory> cached =
        load().chain(inv -> fresh(inv) ? Uni.createFrom().item(inv) : reload());
    // A caller that waited on another request's load would resume on that request's thread;
    // bring it back so it can go on using its own Hibernate Reactive session.
    return caller == null
        ? cached
        : cached.emitOn(task -> caller.runOnContext(ignored -> task.run()));
  }

  /** Every pool, by memory (largest first) then name. */
  public Uni<List<GpuPool>> pools() {
    return inventory().map(GpuInventory::pools);
  }

  /** The pool of that name (exact, else ignoring case), for resolving a pool to its GPUs. */
  public Uni<Optional<GpuPool>> pool(String name) {
    return pools()
        .map(
            pools ->
                pools.stream()
                    .filter(p -> p.name().equals(name))
                    .findFirst()
                    .or(
                        () ->
                            pools.stream()
                                .filter(p -> p.name().equalsIgnoreCase(name))
                                .findFirst()));
  }

  /**
   * Stores a node agent's report as its node's latest, drops reports that have expired, and makes
   * the next inventory read see it.
   */
  public Uni<GpuReport> accept(GpuReport report) {
    Instant expired = report.reportedAt().minus(config.reportTtl());
    return tx.inTransaction(
            () -> reports.save(report).chain(() -> reports.deleteOlderThan(expired)))
        .chain(() -> cache.invalidateAll())
        .replaceWith(report);
  }

  private Uni<GpuInventory> load() {
    return cache.getAsync(KEY, k -> assemble());
  }

  private Uni<GpuInventory> reload() {
    return cache.invalidate(KEY).chain(this::load);
  }

  // The TTL is checked here rather than left to a Caffeine expiry, so it is always the setting.
  private boolean fresh(GpuInventory inventory) {
    return inventory.assembledAt().plus(config.cacheTtl()).isAfter(Instant.now());
  }

  private Uni<GpuInventory> assemble() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return Uni.combine()
        .all()
        .unis(kubernetesPools(now), agentPools(now))
        .with(
            (fromKubernetes, fromAgents) -> {
              Collected fromCatalog = staticPools(now);
              List<GpuPool> pools = new ArrayList<>(fromKubernetes.pools());
              pools.addAll(fromAgents.pools());
              pools.addAll(fromCatalog.pools());
              return new GpuInventory(
                  GpuPools.ordered(pools),
                  List.of(fromKubernetes.status(), fromAgents.status(), fromCatalog.status()),
                  now);
            });
  }

  /** What one source contributed. */
  private record Collected(List<GpuPool> pools, GpuSourceStatus status) {
    static Collected ok(GpuPoolSource source, List<GpuPool> pools, String detail, Instant at) {
      return new Collected(pools, new GpuSourceStatus(source, State.OK, pools.size(), detail, at));
    }
  }

  private Uni<Collected> kubernetesPools(Instant now) {
    GpuPoolSource source = GpuPoolSource.KUBERNETES;
    if (!config.kubernetes()) {
      String detail = "disabled (mm.discovery.gpus.kubernetes=false)";
      return Uni.createFrom()
          .item(
              new Collected(
                  List.of(), new GpuSourceStatus(source, State.DISABLED, 0, detail, now)));
    }
    return kubernetes
        .gpuNodes()
        .ifNoItem()
        .after(config.kubernetesTimeout())
        .fail()
        .map(nodes -> succeeded(source, nodes, nodes.size() + " GPU nodes", now))
        .onFailure()
        .recoverWithItem(e -> failed(source, e, now));
  }

  private Uni<Collected> agentPools(Instant now) {
    GpuPoolSource source = GpuPoolSource.AGENT;
    return reports
        .since(now.minus(config.reportTtl()))
        .map(
            fresh ->
                succeeded(
                    source,
                    nodesOf(fresh),
                    fresh.size() + " node reports within the report TTL",
                    now))
        .onFailure()
        .recoverWithItem(e -> failed(source, e, now));
  }

  private static List<GpuPoolNode> nodesOf(List<GpuReport> fresh) {
    List<GpuPoolNode> nodes = new ArrayList<>();
    for (GpuReport report : fresh) {
      for (GpuReport.Gpu gpu : report.gpus()) {
        nodes.add(
            GpuPools.reported(
                report.node(),
                gpu.product(),
                gpu.memoryBytes(),
                gpu.count(),
                gpu.used(),
                report.reportedAt()));
      }
    }
    return nodes;
  }

  private Collected staticPools(Instant now) {
    List<String> names = config.staticProfiles().orElse(List.of());
    Set<GpuProfile> profiles = new LinkedHashSet<>(names.isEmpty() ? GpuCatalog.all() : List.of());
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      GpuCatalog.find(name).ifPresentOrElse(profiles::add, () -> unknown.add(name));
    }
    String detail =
        unknown.isEmpty()
            ? null
            : "unknown profiles in mm.discovery.gpus.static-profiles ignored: " + unknown;
    List<GpuPool> pools = GpuPools.fromProfiles(profiles, config.staticCountPerNode(), now);
    return Collected.ok(GpuPoolSource.STATIC, pools, detail, now);
  }

  private Collected succeeded(
      GpuPoolSource source, List<GpuPoolNode> nodes, String detail, Instant now) {
    if (lastWarned.remove(source) != null) {
      LOG.infof("GPU inventory: the %s source answers again", source.id());
    }
    return Collected.ok(source, GpuPools.group(source, nodes), detail, now);
  }

  private Collected failed(GpuPoolSource source, Throwable e, Instant now) {
    String detail = describe(source, e);
    // A source that stays down would otherwise log on every inventory rebuild.
    Instant last = lastWarned.get(source);
    if (last == null || !now.isBefore(last.plus(config.cacheTtl()))) {
      lastWarned.put(source, now);
      LOG.warnf(
          "GPU inventory: the %s source failed, answering without it: %s", source.id(), detail);
      LOG.debugf(e, "GPU inventory: %s source failure", source.id());
    }
    return new Collected(List.of(), new GpuSourceStatus(source, State.FAILED, 0, detail, now));
  }

  private String describe(GpuPoolSource source, Throwable e) {
    if (e instanceof TimeoutException) {
      return "no answer within " + config.kubernetesTimeout().toMillis() + " ms";
    }
    if (source == GpuPoolSource.KUBERNETES) {
      return e.getMessage();
    }
    return "the stored reports could not be read (" + e.getClass().getSimpleName() + ")";
  }
}
