package dev.modelmanager.catalog.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.catalog.client.DiscoveryClient;
import dev.modelmanager.catalog.client.Lookup;
import dev.modelmanager.catalog.client.WeightsClient;
import dev.modelmanager.catalog.config.CatalogConfig;
import dev.modelmanager.catalog.domain.EntryIds;
import dev.modelmanager.catalog.domain.ValidationReport;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.catalog.ModelEntry;
import dev.modelmanager.model.discovery.GpuPool;
import dev.modelmanager.model.discovery.ModelSummary;
import dev.modelmanager.model.discovery.Recommendation;
import dev.modelmanager.model.discovery.RecommendationQuery;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.model.weights.StagedSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Generate: a draft entry from discovery (details and the best recommendation) and weights (a
 * staged snapshot of the commit, if any), with its validation report.
 */
@ApplicationScoped
public class GeneratorService {
  private static final Set<String> SCHEMA_QUANTIZATIONS =
      Set.of("awq", "gptq", "fp8", "bitsandbytes");

  private final DiscoveryClient discovery;
  private final WeightsClient weights;
  private final ValidationService validation;
  private final CatalogConfig config;
  private final ObjectMapper mapper;

  GeneratorService(
      DiscoveryClient discovery,
      WeightsClient weights,
      ValidationService validation,
      CatalogConfig config,
      ObjectMapper mapper) {
    this.discovery = discovery;
    this.weights = weights;
    this.validation = validation;
    this.config = config;
    this.mapper = mapper;
  }

  /** A draft, its report, and the recommendation it was built from. */
  public record Draft(
      ModelEntry entry, ValidationReport report, Recommendation.FitOption recommendation) {}

  public Uni<Draft> generate(String hfModelId, String revision, String gpu, Long maxModelLen) {
    RepoId repo = RepoId.parse(hfModelId);
    return discovery
        .details(repo, revision)
        .map(d -> required(d, "No model " + hfModelId + (revision == null ? "" : "@" + revision)))
        .chain(
            details ->
                discovery
                    .recommend(
                        new RecommendationQuery(
                            hfModelId, details.commit(), gpu, null, maxModelLen, null, null))
                    .map(r -> required(r, "discovery-service could not size " + hfModelId))
                    .chain(rec -> draft(repo, details, best(rec, gpu))));
  }

  private Uni<Draft> draft(RepoId repo, ModelSummary details, Recommendation.FitOption best) {
    Uni<Lookup<List<GpuPool>>> pools =
        discovery
            .gpus()
            .map(l -> l.isFound() ? Lookup.found(l.value().items()) : Lookup.absent(""));
    return Uni.combine()
        .all()
        .unis(pools, weights.snapshots(repo, null))
        .asTuple()
        .chain(
            t -> {
              ModelEntry entry =
                  build(
                      repo,
                      details,
                      best,
                      poolOf(best, t.getItem1()),
                      staged(details, t.getItem2()));
              JsonNode doc = mapper.valueToTree(entry);
              return validation.validate(doc).map(report -> new Draft(entry, report, best));
            });
  }

  ModelEntry build(
      RepoId repo,
      ModelSummary details,
      Recommendation.FitOption best,
      Optional<GpuPool> pool,
      Optional<StagedSnapshot> staged) {
    int tp = best.tensorParallelSize();
    String vendor = pool.map(GpuPool::vendor).orElse("nvidia");
    String gpuKey = vendor + ".com/gpu";
    Map<String, String> nodeSelector =
        pool.map(p -> Map.of(gpuKey + ".product", productLabel(p))).orElse(null);
    String quantization =
        best.quantization() != null && SCHEMA_QUANTIZATIONS.contains(best.quantization())
            ? best.quantization()
            : null;
    boolean trustRemoteCode = details.vllm() != null && details.vllm().trustRemoteCode();
    return new ModelEntry(
        EntryIds.slug(repo.name()),
        repo.name(),
        repo.toString(),
        details.commit(),
        repo.toString(),
        config.generate().runtime(),
        staged
            .map(s -> new ModelEntry.Weights(s.location(), null))
            .orElse(new ModelEntry.Weights(null, "hf")),
        new ModelEntry.Vllm(
            tp,
            "auto",
            config.generate().gpuMemoryUtilization(),
            (int) Math.min(Integer.MAX_VALUE, best.maxModelLen()),
            quantization,
            "fp8".equals(best.kvCacheDtype()) ? "fp8" : null,
            trustRemoteCode ? Boolean.TRUE : null,
            null),
        new ModelEntry.Resources(
            Map.of("cpu", "4", "memory", "16Gi", gpuKey, String.valueOf(tp)),
            Map.of(gpuKey, String.valueOf(tp))),
        nodeSelector,
        null,
        null,
        null,
        details.license(),
        "Generated from discovery's recommendation for " + best.gpu() + ": " + best.explanation());
  }

  /** A node label value for the pool's product (labels allow no spaces). */
  private static String productLabel(GpuPool p) {
    String product = p.product() == null ? p.name() : p.product();
    return product.replaceAll("[^A-Za-z0-9_.-]+", "-");
  }

  private static Optional<GpuPool> poolOf(
      Recommendation.FitOption best, Lookup<List<GpuPool>> pools) {
    if (!pools.isFound()) {
      return Optional.empty();
    }
    return pools.value().stream()
        .filter(p -> best.gpu().equals(p.name()) || best.gpu().equals(p.profile()))
        .findFirst();
  }

  private static Optional<StagedSnapshot> staged(
      ModelSummary details, Lookup<List<StagedSnapshot>> snapshots) {
    if (!snapshots.isFound()) {
      return Optional.empty();
    }
    return snapshots.value().stream()
        .filter(s -> details.commit().equals(s.commit()) && s.verified())
        .findFirst();
  }

  private static Recommendation.FitOption best(Recommendation rec, String gpu) {
    if (rec.best() != null) {
      return rec.best();
    }
    if (rec.options() == null || rec.options().isEmpty()) {
      throw new ProblemException(
          ProblemType.INVALID_CONTENT,
          "discovery-service has no option for this model"
              + (gpu == null ? "" : " on " + gpu)
              + "; see POST /api/v1/recommendations");
    }
    return rec.options().get(0);
  }

  private static <T> T required(Lookup<T> lookup, String absentDetail) {
    return switch (lookup.state()) {
      case FOUND -> lookup.value();
      case ABSENT -> throw ProblemException.notFound(absentDetail);
      case UNAVAILABLE ->
          throw new ProblemException(
              ProblemType.UPSTREAM_UNAVAILABLE, "Cannot generate: " + lookup.detail());
    };
  }
}
