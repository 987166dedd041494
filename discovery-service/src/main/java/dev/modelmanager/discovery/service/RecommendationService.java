package dev.modelmanager.discovery.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.discovery.api.RecommendationRequest;
import dev.modelmanager.discovery.api.RecommendationResponse;
import dev.modelmanager.discovery.client.ModelFiles;
import dev.modelmanager.discovery.domain.fit.FitRecommendation;
import dev.modelmanager.discovery.domain.fit.GpuOffer;
import dev.modelmanager.discovery.domain.fit.KvCacheDtype;
import dev.modelmanager.discovery.domain.gpu.GpuCatalog;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/recommendations}: the fit engine on a model and the GPUs the caller names.
 */
@ApplicationScoped
public class RecommendationService {
  private static final Pattern GPU_NAME = Pattern.compile("[A-Za-z0-9 ._-]{1,64}");
  private static final long MAX_GPU_BYTES = 1L << 40;
  private static final int MAX_GPUS = 32;

  private final ModelDetailsService details;
  private final GpuInventoryService inventory;
  private final ModelFitting fitting;

  RecommendationService(
      ModelDetailsService details, GpuInventoryService inventory, ModelFitting fitting) {
    this.details = details;
    this.inventory = inventory;
    this.fitting = fitting;
  }

  public Uni<RecommendationResponse> recommend(RecommendationRequest request, RepoId repo) {
    String revision = request.revision() == null ? "main" : request.revision();
    return gpus(request.gpus())
        .chain(
            gpus ->
                details
                    .files(repo, revision)
                    .map(files -> answer(request, repo, revision, files, gpus)));
  }

  private RecommendationResponse answer(
      RecommendationRequest r,
      RepoId repo,
      String revision,
      ModelFiles files,
      List<GpuOffer> gpus) {
    ModelGeometry geometry = fitting.geometry(files);
    FitRecommendation rec =
        fitting.recommend(
            geometry,
            fitting.exactCount(files),
            gpus,
            q ->
                q.withGpuMemoryUtilization(r.gpuMemoryUtilization())
                    .withMaxModelLen(r.maxModelLen())
                    .withKvCacheDtype(
                        r.kvCacheDtype() == null
                            ? KvCacheDtype.AUTO
                            : KvCacheDtype.parse(r.kvCacheDtype()))
                    .withQuantization(r.quantization()));
    return new RecommendationResponse(
        repo.toString(),
        revision,
        files.commit(),
        rec.parameters(),
        rec.parametersExact(),
        rec.weightsBytes(),
        rec.kvCacheBytesPerToken(),
        geometry.maxPositionEmbeddings(),
        rec.best().orElse(null),
        rec.options(),
        rec.notes());
  }

  /** The GPUs to consider: the caller's list, one pool by name, or every known pool. */
  Uni<List<GpuOffer>> gpus(JsonNode spec) {
    if (spec == null || spec.isNull()) {
      return inventory.pools().map(ModelFitting::offers);
    }
    if (spec.isTextual()) {
      String name = spec.asText();
      return inventory
          .pool(name)
          .map(
              p ->
                  p.map(
                          pool ->
                              List.of(
                                  new GpuOffer(
                                      pool.name(), pool.memoryBytes(), pool.countPerNode())))
                      .orElseThrow(
                          () ->
                              ProblemException.invalidField(
                                  "gpus",
                                  "no GPU pool named '"
                                      + name
                                      + "'; GET /api/v1/gpus lists them")));
    }
    if (!spec.isArray() || spec.isEmpty() || spec.size() > 8) {
      throw ProblemException.invalidField(
          "gpus", "an array of 1 to 8 {name, memoryBytes, count}, or a pool name");
    }
    List<GpuOffer> offers = new ArrayList<>();
    for (int i = 0; i < spec.size(); i++) {
      offers.add(offer(spec.get(i), "gpus[" + i + "]"));
    }
    return Uni.createFrom().item(offers);
  }

  private static GpuOffer offer(JsonNode g, String field) {
    String name = g.path("name").asText("");
    if (!GPU_NAME.matcher(name).matches()) {
      throw ProblemException.invalidField(
          field + ".name", "required: letters, digits, space, '.', '_' or '-'");
    }
    long memory = g.path("memoryBytes").asLong(0);
    if (memory < 0
        || memory > MAX_GPU_BYTES
        || (g.has("memoryBytes") && !g.get("memoryBytes").canConvertToLong())) {
      throw ProblemException.invalidField(field + ".memoryBytes", "bytes of one GPU, up to 1 TiB");
    }
    if (memory == 0 && GpuCatalog.find(name).isEmpty()) {
      throw ProblemException.invalidField(
          field + ".memoryBytes", "required: '" + name + "' is not a known GPU profile");
    }
    int count = g.path("count").asInt(1);
    if (count < 1 || count > MAX_GPUS || (g.has("count") && !g.get("count").isInt())) {
      throw ProblemException.invalidField(field + ".count", "GPUs per node, 1 to " + MAX_GPUS);
    }
    return new GpuOffer(name, memory, count);
  }
}
