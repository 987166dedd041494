package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.config.CollectionsConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Discover's curated collections, read once from {@link CollectionsConfig} and checked at startup:
 * a collection whose id or search parameters the search API would refuse stops the service, so a
 * typo in the configuration never reaches the console as a failing search.
 */
@Startup
@ApplicationScoped
public class DiscoverCollections {
  private static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");

  /** The search API's parameters a collection may set, with the values it accepts. */
  static final Map<String, Pattern> PARAMS =
      Map.ofEntries(
          Map.entry("q", Pattern.compile("[^\\p{Cntrl}]{1,200}")),
          Map.entry("author", Pattern.compile("[A-Za-z0-9._-]{1,96}")),
          Map.entry("architecture", Pattern.compile("[A-Za-z0-9_]{1,96}")),
          Map.entry("license", Pattern.compile("[a-z0-9.+-]{1,64}")),
          Map.entry("pipelineTag", Pattern.compile("[a-z0-9-]{1,64}")),
          Map.entry("minParams", Pattern.compile("[0-9]{1,18}")),
          Map.entry("maxParams", Pattern.compile("[0-9]{1,18}")),
          Map.entry("quantization", Pattern.compile("[A-Za-z0-9_-]{1,32}")),
          Map.entry("fitsGpu", Pattern.compile("[A-Za-z0-9 ._-]{1,64}")),
          Map.entry(
              "sort", Pattern.compile("downloads|likes|lastModified|createdAt|trendingScore")),
          Map.entry("direction", Pattern.compile("asc|desc")));

  /** One collection as served. */
  public record Collection(
      String id, String title, String description, Map<String, String> params) {}

  private final List<Collection> collections;

  DiscoverCollections(CollectionsConfig config) {
    this.collections = build(config.all());
  }

  public List<Collection> all() {
    return collections;
  }

  static List<Collection> build(Map<String, CollectionsConfig.Collection> configured) {
    List<Map.Entry<String, CollectionsConfig.Collection>> entries =
        new ArrayList<>(configured.entrySet());
    entries.sort(
        Comparator.comparingInt(
                (Map.Entry<String, CollectionsConfig.Collection> e) -> e.getValue().order())
            .thenComparing(Map.Entry::getKey));
    List<Collection> out = new ArrayList<>();
    for (var e : entries) {
      String id = e.getKey();
      CollectionsConfig.Collection c = e.getValue();
      if (!ID.matcher(id).matches()) {
        throw new IllegalStateException(
            "mm.discovery.collections: \"" + id + "\" is not a lower-case id (a-z, 0-9, -)");
      }
      if (c.params().isEmpty()) {
        throw new IllegalStateException(
            "mm.discovery.collections.\"" + id + "\" has no params: it would search everything");
      }
      Map<String, String> params = new TreeMap<>();
      c.params()
          .forEach(
              (name, value) -> {
                Pattern allowed = PARAMS.get(name);
                if (allowed == null) {
                  throw new IllegalStateException(
                      "mm.discovery.collections.\""
                          + id
                          + "\".params."
                          + name
                          + " is not a search parameter; one of "
                          + new TreeMap<>(PARAMS).keySet());
                }
                if (!allowed.matcher(value).matches()) {
                  throw new IllegalStateException(
                      "mm.discovery.collections.\""
                          + id
                          + "\".params."
                          + name
                          + " has a value the search API refuses: "
                          + value);
                }
                params.put(name, value);
              });
      out.add(
          new Collection(id, c.title(), c.description().orElse(""), new LinkedHashMap<>(params)));
    }
    return List.copyOf(out);
  }
}
