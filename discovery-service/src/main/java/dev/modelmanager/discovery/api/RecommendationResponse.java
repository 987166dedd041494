package dev.modelmanager.discovery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelmanager.discovery.domain.fit.FitOption;
import dev.modelmanager.discovery.domain.fit.FitRecommendation;
import dev.modelmanager.discovery.service.Recommendation;
import java.util.List;

/** The engine's options for a model, best first, with the model's sizing figures. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecommendationResponse(
    String model,
    String revision,
    String commit,
    long parameters,
    boolean parametersExact,
    long weightsBytes,
    long kvCacheBytesPerToken,
    long maxPositionEmbeddings,
    FitOption best,
    List<FitOption> options,
    List<String> notes) {

  /** The view of the engine's answer. */
  static RecommendationResponse of(Recommendation r) {
    FitRecommendation rec = r.fit();
    return new RecommendationResponse(
        r.repo().toString(),
        r.revision(),
        r.commit(),
        rec.parameters(),
        rec.parametersExact(),
        rec.weightsBytes(),
        rec.kvCacheBytesPerToken(),
        r.geometry().maxPositionEmbeddings(),
        rec.best().orElse(null),
        rec.options(),
        rec.notes());
  }
}
