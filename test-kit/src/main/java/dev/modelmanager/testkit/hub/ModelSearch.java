package dev.modelmanager.testkit.hub;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The filtering, sorting and cursor paging of {@code GET /api/models}. */
final class ModelSearch {

  /** The Hub caps a page at 1000 models. */
  static final int MAX_PAGE = 1000;

  private final QueryParams query;
  private final String token;

  ModelSearch(QueryParams query, String token) {
    this.query = query;
    this.token = token;
  }

  /** One page of results and whether more follow. */
  record Page(List<HubRepo> repos, int nextOffset) {
    boolean hasNext() {
      return nextOffset >= 0;
    }
  }

  Page page(Collection<HubRepo> all, int configuredPageSize) {
    List<HubRepo> matching = all.stream().filter(matcher()).sorted(order()).toList();
    int pageSize =
        Math.min(configuredPageSize, Math.min(MAX_PAGE, query.intValue("limit", MAX_PAGE)));
    pageSize = Math.max(1, pageSize);
    int offset = Math.min(decodeCursor(query.first("cursor")), matching.size());
    int end = Math.min(matching.size(), offset + pageSize);
    return new Page(matching.subList(offset, end), end < matching.size() ? end : -1);
  }

  private Predicate<HubRepo> matcher() {
    String search = lower(query.first("search"));
    String author = query.first("author");
    String pipeline = query.first("pipeline_tag");
    List<String> filters = query.all("filter");
    return repo ->
        repo.canRead(token)
            && (search == null || repo.id().toLowerCase(Locale.ROOT).contains(search))
            && (author == null || author.equalsIgnoreCase(repo.author))
            && (pipeline == null || pipeline.equals(repo.pipelineTag))
            && filters.stream().allMatch(f -> hasTag(repo, f));
  }

  private static boolean hasTag(HubRepo repo, String tag) {
    return repo.tags.contains(tag) || tag.equals(repo.libraryName) || tag.equals(repo.pipelineTag);
  }

  /** The requested order; descending unless {@code direction} is a non-negative number. */
  private Comparator<HubRepo> order() {
    String sort = query.first("sort");
    Comparator<HubRepo> byKey =
        switch (sort == null ? "trendingScore" : sort) {
          case "downloads" -> Comparator.comparingLong(r -> r.downloads);
          case "likes" -> Comparator.comparingLong(r -> r.likes);
          case "lastModified", "last_modified" -> Comparator.comparing(r -> r.lastModified);
          case "createdAt", "created_at" -> Comparator.comparing(r -> r.createdAt);
          case "id", "modelId" -> Comparator.comparing(HubRepo::id);
          default -> Comparator.comparingDouble(r -> r.trendingScore);
        };
    String direction = query.first("direction");
    boolean ascending = direction != null && !direction.trim().startsWith("-");
    Comparator<HubRepo> ordered = ascending ? byKey : byKey.reversed();
    return ordered.thenComparing(HubRepo::id);
  }

  static String encodeCursor(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("{\"offset\":" + offset + "}").getBytes(StandardCharsets.UTF_8));
  }

  static int decodeCursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      return Math.max(0, Integer.parseInt(text.replaceAll("[^0-9]", "")));
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  /** The raw query with {@code cursor} replaced, for the {@code Link: rel="next"} URL. */
  static String withCursor(String rawQuery, int offset) {
    StringBuilder next = new StringBuilder();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (!pair.isEmpty() && !pair.startsWith("cursor=")) {
          next.append(pair).append('&');
        }
      }
    }
    return next.append("cursor=").append(encodeCursor(offset)).toString();
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
