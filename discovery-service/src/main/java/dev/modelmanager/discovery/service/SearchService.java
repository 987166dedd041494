package dev.modelmanager.discovery.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.discovery.config.DiscoveryConfig;
import dev.modelmanager.discovery.domain.search.HubModelSummary;
import dev.modelmanager.discovery.domain.search.SearchCriteria;
import dev.modelmanager.discovery.store.CachedHubPage;
import dev.modelmanager.discovery.store.SearchCacheStore;
import dev.modelmanager.kit.hf.HubClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Hugging Face search: exactly one Hub request per uncached page, cached in memory and in the
 * service's table for {@code mm.discovery.search.cache-ttl}.
 */
@ApplicationScoped
public class SearchService {
  private final HubClient hub;
  private final SearchCacheStore table;
  private final Cache memory;
  private final DiscoveryConfig config;
  private final MeterRegistry metrics;
  private final ObjectMapper mapper;

  SearchService(
      HubClient hub,
      SearchCacheStore table,
      @CacheName("hf-search") Cache memory,
      DiscoveryConfig config,
      MeterRegistry metrics,
      ObjectMapper mapper) {
    this.hub = hub;
    this.table = table;
    this.memory = memory;
    this.config = config;
    this.metrics = metrics;
    this.mapper = mapper;
  }

  /**
   * One page of matching models; filtering the Hub cannot do is applied to the page it returned.
   */
  public record ResultPage(List<HubModelSummary> models, String nextCursor) {}

  public Uni<ResultPage> search(SearchCriteria criteria, String cursor) {
    String url =
        cursor == null
            ? hub.endpoint() + "/api/models" + HubClient.queryString(criteria.hubQuery())
            : decodeCursor(cursor);
    return page(url)
        .map(
            p -> {
              List<HubModelSummary> models = new ArrayList<>();
              for (JsonNode m : readArray(p.body())) {
                HubModelSummary s = HubModelSummary.from(m);
                if (criteria.matches(s)) {
                  models.add(s);
                }
              }
              return new ResultPage(models, p.nextUrl() == null ? null : encodeCursor(p.nextUrl()));
            });
  }

  private Uni<CachedHubPage> page(String url) {
    String key = sha256(url);
    boolean[] loaded = {false};
    return memory
        .<String, CachedHubPage>getAsync(
            key,
            k -> {
              loaded[0] = true;
              return fromTableOrHub(k, url);
            })
        .invoke(
            ignored -> {
              if (!loaded[0]) {
                count("memory", "hit");
              }
            });
  }

  private Uni<CachedHubPage> fromTableOrHub(String key, String url) {
    Instant freshAfter = Instant.now().minus(config.search().cacheTtl());
    return table
        .find(key, freshAfter)
        .chain(
            cached -> {
              if (cached.isPresent()) {
                count("table", "hit");
                return Uni.createFrom().item(cached.get());
              }
              count("table", "miss");
              return hub.listModelsAt(url)
                  .map(p -> new CachedHubPage(p.items().toString(), p.nextUrl(), Instant.now()))
                  .call(p -> table.put(key, url, p));
            });
  }

  private void count(String level, String result) {
    metrics
        .counter("mm_discovery_search_cache_total", "level", level, "result", result)
        .increment();
  }

  private JsonNode readArray(String body) {
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("cached search page is not JSON", e);
    }
  }

  static String encodeCursor(String nextUrl) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(nextUrl.getBytes(StandardCharsets.UTF_8));
  }

  /** The Hub URL of a cursor the API validated ({@code api.SearchValidation.SearchCursor}). */
  private static String decodeCursor(String cursor) {
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
