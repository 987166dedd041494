package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.api.ModelDetails;
import dev.modelmanager.discovery.client.CatalogClient;
import dev.modelmanager.discovery.client.ModelFiles;
import dev.modelmanager.discovery.client.ModelFilesReader;
import dev.modelmanager.discovery.domain.fit.FitOption;
import dev.modelmanager.discovery.domain.fit.FitRecommendation;
import dev.modelmanager.discovery.domain.fit.GpuOffer;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.model.ParameterCount;
import dev.modelmanager.discovery.domain.model.QuantizationConfig;
import dev.modelmanager.discovery.domain.vllm.VllmArchitecture;
import dev.modelmanager.discovery.domain.vllm.VllmArchitectureRegistry;
import dev.modelmanager.model.hf.RepoId;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A model's details: Hub metadata, config.json, exact parameters from safetensors headers, the
 * catalog entry when there is one, and the fit table over the known GPU pools.
 */
@ApplicationScoped
public class ModelDetailsService {
  private final ModelFilesReader reader;
  private final Cache files;
  private final GpuInventoryService inventory;
  private final CatalogClient catalog;
  private final ModelFitting fitting;
  private final VllmArchitectureRegistry registry;

  ModelDetailsService(
      ModelFilesReader reader,
      @CacheName("model-files") Cache files,
      GpuInventoryService inventory,
      CatalogClient catalog,
      ModelFitting fitting,
      VllmArchitectureRegistry registry) {
    this.reader = reader;
    this.files = files;
    this.inventory = inventory;
    this.catalog = catalog;
    this.fitting = fitting;
    this.registry = registry;
  }

  /** The model's files at a revision; the Hub is asked once per revision and TTL. */
  public Uni<ModelFiles> files(RepoId repo, String revision) {
    return files.getAsync(repo + "@" + revision, k -> reader.read(repo, revision));
  }

  public Uni<ModelDetails> details(RepoId repo, String revision) {
    return Uni.combine()
        .all()
        .unis(files(repo, revision), inventory.pools(), catalog.entryFor(repo))
        .with((f, pools, entry) -> assemble(repo, revision, f, ModelFitting.offers(pools), entry));
  }

  private ModelDetails assemble(
      RepoId repo, String revision, ModelFiles f, List<GpuOffer> gpus, CatalogClient.Lookup entry) {
    ModelGeometry geometry = fitting.geometry(f);
    Optional<ParameterCount> count = fitting.exactCount(f);
    FitRecommendation rec = fitting.recommend(geometry, count, gpus, UnaryOperator.identity());
    var info = f.info();
    return new ModelDetails(
        repo.toString(),
        revision,
        f.commit(),
        geometry.architectures(),
        geometry.modelType(),
        license(info),
        info.has("gated") ? info.get("gated").asText() : null,
        text(info, "pipeline_tag"),
        info.path("downloads").asLong(0),
        info.path("likes").asLong(0),
        vllm(geometry),
        parameters(rec, count),
        rec.weightsBytes(),
        new ModelDetails.KvCache(
            rec.kvCacheBytesPerToken(),
            geometry.dtype() == null
                ? "auto"
                : geometry.dtype().name().toLowerCase(java.util.Locale.ROOT)),
        geometry.maxPositionEmbeddings(),
        quantization(geometry.quantization()),
        siblings(info),
        new ModelDetails.Catalog(entry.status(), entry.entry().orElse(null)),
        ModelFitting.table(rec, gpus),
        rec.best().map(FitOption::vllmArgs).orElse(List.of()),
        notes(rec, f),
        f.config());
  }

  private ModelDetails.Vllm vllm(ModelGeometry g) {
    Optional<VllmArchitecture> arch = registry.lookupFirst(g.architectures());
    return new ModelDetails.Vllm(
        arch.isPresent(),
        registry.vllmVersion(),
        arch.map(VllmArchitecture::architecture).orElse(g.architecture()),
        arch.map(VllmArchitecture::tasks).orElse(List.of()),
        arch.map(VllmArchitecture::trustRemoteCode).orElse(false));
  }

  private static ModelDetails.Parameters parameters(
      FitRecommendation rec, Optional<ParameterCount> count) {
    Map<String, Long> byDtype = new TreeMap<>();
    count.ifPresent(c -> c.byDtype().forEach((dtype, n) -> byDtype.put(dtype.name(), n)));
    return new ModelDetails.Parameters(
        rec.parameters(),
        byDtype,
        rec.parametersExact(),
        count.isPresent() ? "safetensors-headers" : "config-estimate");
  }

  private static ModelDetails.Quantization quantization(QuantizationConfig q) {
    if (!q.isQuantized()) {
      return null;
    }
    return new ModelDetails.Quantization(
        q.rawMethod() != null
            ? q.rawMethod()
            : q.method().name().toLowerCase(java.util.Locale.ROOT),
        q.weightBits() > 0 ? q.weightBits() : null,
        q.groupSize() > 0 ? q.groupSize() : null,
        q.fp8KvCache());
  }

  private static List<String> notes(FitRecommendation rec, ModelFiles f) {
    List<String> notes = new ArrayList<>(rec.notes());
    if (f.tensors().isEmpty()) {
      notes.add("No safetensors files: parameters are estimated from config.json");
    }
    return notes;
  }

  private static List<String> siblings(com.fasterxml.jackson.databind.JsonNode info) {
    List<String> out = new ArrayList<>();
    info.path("siblings").forEach(s -> out.add(s.path("rfilename").asText()));
    return out;
  }

  private static String license(com.fasterxml.jackson.databind.JsonNode info) {
    String card = text(info.path("cardData"), "license");
    if (card != null) {
      return card;
    }
    for (var t : info.path("tags")) {
      if (t.asText().startsWith("license:")) {
        return t.asText().substring(8);
      }
    }
    return null;
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
    var v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
