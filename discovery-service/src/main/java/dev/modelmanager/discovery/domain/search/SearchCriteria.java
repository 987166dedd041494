package dev.modelmanager.discovery.domain.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A search as the user asked it. What the Hub can filter goes into the one upstream query; the rest
 * (architecture, quantization, size, fit) is applied to the expanded results.
 */
public record SearchCriteria(
    String q,
    String author,
    String architecture,
    String license,
    String pipelineTag,
    Long minParams,
    Long maxParams,
    String quantization,
    String sort,
    String direction,
    int limit) {

  /** Sort keys the Hub accepts. */
  public static final List<String> SORTS =
      List.of("downloads", "likes", "lastModified", "createdAt", "trendingScore");

  /** Fields the Hub expands into each list entry: everything a result row shows, in one call. */
  public static final List<String> EXPAND =
      List.of(
          "author",
          "cardData",
          "config",
          "downloads",
          "gated",
          "lastModified",
          "library_name",
          "likes",
          "pipeline_tag",
          "safetensors",
          "tags");

  /**
   * The {@code GET /api/models} parameters, in a stable order so equal searches share a cache key.
   */
  public Map<String, List<String>> hubQuery() {
    Map<String, List<String>> q = new LinkedHashMap<>();
    put(q, "search", this.q);
    put(q, "author", author);
    put(q, "pipeline_tag", pipelineTag);
    if (license != null) {
      put(q, "filter", "license:" + license.toLowerCase(Locale.ROOT));
    }
    put(q, "sort", sort == null ? "downloads" : sort);
    put(q, "direction", "asc".equals(direction) ? "1" : "-1");
    put(q, "limit", Integer.toString(limit));
    q.put("expand[]", new ArrayList<>(EXPAND));
    return q;
  }

  /** Whether a result passes the filters the Hub could not apply. */
  public boolean matches(HubModelSummary m) {
    if (architecture != null
        && m.architectures().stream().noneMatch(a -> a.equalsIgnoreCase(architecture))) {
      return false;
    }
    if (quantization != null
        && (m.quantization() == null
            || !m.quantization()
                .toLowerCase(Locale.ROOT)
                .contains(quantization.toLowerCase(Locale.ROOT)))) {
      return false;
    }
    if (minParams != null && (m.parameters() == null || m.parameters() < minParams)) {
      return false;
    }
    return maxParams == null || (m.parameters() != null && m.parameters() <= maxParams);
  }

  private static void put(Map<String, List<String>> q, String key, String value) {
    if (value != null && !value.isBlank()) {
      q.put(key, List.of(value));
    }
  }
}
