package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.client.ModelFiles;
import dev.modelmanager.discovery.domain.fit.FitRecommendation;
import dev.modelmanager.discovery.domain.fit.GpuOffer;
import dev.modelmanager.discovery.domain.fit.KvCacheDtype;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.kit.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code POST /api/v1/recommendations}: the fit engine on a model and the GPUs the caller names.
 */
@ApplicationScoped
public class RecommendationService {
  private final ModelDetailsService details;
  private final GpuInventoryService inventory;
  private final ModelFitting fitting;

  RecommendationService(
      ModelDetailsService details, GpuInventoryService inventory, ModelFitting fitting) {
    this.details = details;
    this.inventory = inventory;
    this.fitting = fitting;
  }

  /** Sizes the model of {@code query} on its GPUs. */
  public Uni<Recommendation> recommend(Recommendation.Query query) {
    String revision = query.revision() == null ? "main" : query.revision();
    return gpus(query.gpus())
        .chain(
            gpus ->
                details
                    .files(query.repo(), revision)
                    .map(files -> answer(query, revision, files, gpus)));
  }

  private Recommendation answer(
      Recommendation.Query q, String revision, ModelFiles files, List<GpuOffer> gpus) {
    ModelGeometry geometry = fitting.geometry(files);
    FitRecommendation rec =
        fitting.recommend(
            geometry,
            fitting.exactCount(files),
            gpus,
            r ->
                r.withGpuMemoryUtilization(q.gpuMemoryUtilization())
                    .withMaxModelLen(q.maxModelLen())
                    .withKvCacheDtype(
                        q.kvCacheDtype() == null ? KvCacheDtype.AUTO : q.kvCacheDtype())
                    .withQuantization(q.quantization()));
    return new Recommendation(q.repo(), revision, files.commit(), geometry, rec);
  }

  /** The GPUs to consider: the caller's list, one pool by name, or every known pool. */
  Uni<List<GpuOffer>> gpus(GpuSelection selection) {
    if (selection instanceof GpuSelection.Offers offers) {
      return Uni.createFrom().item(offers.offers());
    }
    if (selection instanceof GpuSelection.Pool pool) {
      return inventory
          .pool(pool.name())
          .map(
              p ->
                  p.map(
                          found ->
                              List.of(
                                  new GpuOffer(
                                      found.name(), found.memoryBytes(), found.countPerNode())))
                      .orElseThrow(
                          () ->
                              ProblemException.invalidField(
                                  "gpus",
                                  "no GPU pool named '"
                                      + pool.name()
                                      + "'; GET /api/v1/gpus lists them")));
    }
    return inventory.pools().map(ModelFitting::offers);
  }
}
