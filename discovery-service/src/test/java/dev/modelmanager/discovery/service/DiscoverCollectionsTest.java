package dev.modelmanager.discovery.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmanager.discovery.config.CollectionsConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscoverCollectionsTest {

  private static CollectionsConfig.Collection collection(
      String title, int order, Map<String, String> params) {
    return new CollectionsConfig.Collection() {
      @Override
      public String title() {
        return title;
      }

      @Override
      public Optional<String> description() {
        return Optional.empty();
      }

      @Override
      public int order() {
        return order;
      }

      @Override
      public Map<String, String> params() {
        return params;
      }
    };
  }

  @Test
  void collectionsAreSortedByOrderThenId() {
    Map<String, CollectionsConfig.Collection> config = new LinkedHashMap<>();
    config.put("zeta", collection("Z", 1, Map.of("q", "z")));
    config.put("beta", collection("B", 5, Map.of("q", "b")));
    config.put("alpha", collection("A", 5, Map.of("license", "mit", "q", "a")));
    List<DiscoverCollections.Collection> out = DiscoverCollections.build(config);
    assertThat(out)
        .extracting(DiscoverCollections.Collection::id)
        .containsExactly("zeta", "alpha", "beta");
    assertThat(out.get(1).description()).isEmpty();
    assertThat(out.get(1).params())
        .containsExactly(Map.entry("license", "mit"), Map.entry("q", "a"));
  }

  @Test
  void anUnknownSearchParameterStopsTheService() {
    assertThatThrownBy(
            () ->
                DiscoverCollections.build(
                    Map.of("x", collection("X", 1, Map.of("fitsGPU", "L4-24GB")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("params.fitsGPU is not a search parameter");
  }

  @Test
  void aValueTheSearchRefusesStopsTheService() {
    assertThatThrownBy(
            () ->
                DiscoverCollections.build(
                    Map.of("x", collection("X", 1, Map.of("maxParams", "9B")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxParams has a value the search API refuses");
  }

  @Test
  void anIdThatIsNotUrlSafeOrACollectionWithoutParamsIsRefused() {
    assertThatThrownBy(
            () ->
                DiscoverCollections.build(Map.of("Fits L4", collection("X", 1, Map.of("q", "a")))))
        .hasMessageContaining("not a lower-case id");
    assertThatThrownBy(() -> DiscoverCollections.build(Map.of("x", collection("X", 1, Map.of()))))
        .hasMessageContaining("has no params");
  }
}
