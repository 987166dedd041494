package dev.modelmanager.discovery.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * Discover's curated collections under {@code mm.discovery.collections."<id>"}: a title, a
 * description and the Hub search they stand for, as {@code GET /api/v1/huggingface/search}
 * parameters ({@code params.fitsGpu=L4-24GB}).
 */
@ConfigMapping(prefix = "mm.discovery.collections")
public interface CollectionsConfig {
  /** The collections by id (the URL-safe name the console puts in its deep link). */
  @WithParentName
  Map<String, Collection> all();

  /** One collection. */
  interface Collection {
    String title();

    Optional<String> description();

    /** Collections are listed by this, then by id. */
    @WithDefault("100")
    int order();

    /** Search parameters by name: q, author, architecture, license, fitsGpu… */
    Map<String, String> params();
  }
}
