package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.client.CatalogClient;
import dev.modelmanager.discovery.client.CatalogLookup;
import dev.modelmanager.discovery.client.ModelFiles;
import dev.modelmanager.discovery.client.ModelFilesReader;
import dev.modelmanager.discovery.domain.fit.FitRecommendation;
import dev.modelmanager.discovery.domain.fit.GpuOffer;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.model.ParameterCount;
import dev.modelmanager.discovery.domain.vllm.VllmArchitectureRegistry;
import dev.modelmanager.model.hf.RepoId;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /** The model's details, the fit over every known GPU pool, and its catalog entry. */
  public Uni<ModelReport> details(RepoId repo, String revision) {
    return Uni.combine()
        .all()
        .unis(files(repo, revision), inventory.pools(), catalog.entryFor(repo))
        .with((f, pools, entry) -> report(repo, revision, f, ModelFitting.offers(pools), entry));
  }

  private ModelReport report(
      RepoId repo, String revision, ModelFiles f, List<GpuOffer> gpus, CatalogLookup entry) {
    ModelGeometry geometry = fitting.geometry(f);
    Optional<ParameterCount> count = fitting.exactCount(f);
    FitRecommendation rec = fitting.recommend(geometry, count, gpus, UnaryOperator.identity());
    return new ModelReport(
        repo,
        revision,
        f,
        geometry,
        count,
        rec,
        ModelFitting.table(rec, gpus),
        entry,
        registry.lookupFirst(geometry.architectures()),
        registry.vllmVersion(),
        notes(rec, f));
  }

  private static List<String> notes(FitRecommendation rec, ModelFiles f) {
    List<String> notes = new ArrayList<>(rec.notes());
    if (f.tensors().isEmpty()) {
      notes.add("No safetensors files: parameters are estimated from config.json");
    }
    return notes;
  }
}
