package dev.modelmanager.discovery.refresh;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.discovery.DiscoveryTestProfile;
import dev.modelmanager.discovery.store.CachedHubPage;
import dev.modelmanager.discovery.store.SearchCacheStore;
import dev.modelmanager.model.events.Topics;
import dev.modelmanager.testkit.hub.FakeHubResource;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.store.StoreContracts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduled refresh of the Hub caches, triggered through the bean on real Postgres/Kafka. */
@QuarkusTest
@TestProfile(DiscoveryTestProfile.class)
class CacheRefreshTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject CacheRefresh refresh;
  @Inject SearchCacheStore table;

  @BeforeEach
  @AfterEach
  void clean() {
    FakeHubResource.clearFaults();
    FakeHubResource.clearRequests();
  }

  @Test
  void aRecentlySearchedStalePageIsRefetchedOlderOnesGoAndTheRunIsRecorded() throws Throwable {
    String search = "Qwen2.5-0.5B-" + UUID.randomUUID();
    String url = FakeHubResource.url() + "/api/models?search=Qwen2.5-0.5B&refresh=" + search;
    String stale = "stale-" + search;
    String old = "old-" + search;
    String fresh = "fresh-" + search;
    Instant now = Instant.now();
    // The table says the Hub had no match 20 minutes ago (past the 10 min TTL, inside the 1 h
    // window); the Hub's answer now lists the model.
    awaitUni(() -> table.put(stale, url, new CachedHubPage("[]", null, now.minusSeconds(1200))));
    awaitUni(() -> table.put(old, url, new CachedHubPage("[]", null, now.minusSeconds(7200))));
    awaitUni(() -> table.put(fresh, url, new CachedHubPage("[]", null, now.minusSeconds(60))));

    CacheRefresh.Outcome outcome = awaitUni(refresh::refresh);

    assertThat(outcome.ran()).isTrue();
    assertThat(outcome.refreshed()).isGreaterThanOrEqualTo(1);
    assertThat(outcome.evicted()).isGreaterThanOrEqualTo(1);
    assertThat(FakeHubResource.requests("/api/models"))
        .extracting(r -> r.path("query").asText())
        .anyMatch(q -> q.contains(search));
    CachedHubPage refreshed = awaitUni(() -> table.find(stale, now.minusSeconds(30))).orElseThrow();
    assertThat(refreshed.body()).contains("Qwen/Qwen2.5-0.5B");
    assertThat(awaitUni(() -> table.find(old, Instant.EPOCH))).as("past the window").isEmpty();
    assertThat(awaitUni(() -> table.find(fresh, Instant.EPOCH)))
        .as("still fresh: neither fetched nor deleted")
        .hasValueSatisfying(p -> assertThat(p.body()).isEqualTo("[]"));

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .containsPattern("mm_discovery_refresh_runs_total\\{outcome=\"success\"[^}]*} [1-9]")
        .containsPattern(
            "mm_discovery_refresh_total\\{cache=\"search\",outcome=\"refreshed\"[^}]*} [1-9]")
        .containsPattern("mm_discovery_refresh_last_success_timestamp_seconds(\\{[^}]*})? 1\\.7");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(refreshEvents())
                    .anyMatch(
                        e ->
                            e.path("data").path("replica").asText().equals(refresh.replica())
                                && e.path("data").path("searchPagesRefreshed").asInt()
                                    == outcome.refreshed()
                                && e.path("data").path("searchPagesEvicted").asInt()
                                    == outcome.evicted()));
  }

  @Test
  void twoRunsAtOnceMakeOneRunAndOneSkip() throws Throwable {
    String url = FakeHubResource.url() + "/api/models?search=Mixtral&refresh=" + UUID.randomUUID();
    awaitUni(
        () ->
            table.put(
                "slow-" + UUID.randomUUID(),
                url,
                new CachedHubPage("[]", null, Instant.now().minusSeconds(1200))));
    // The holder's Hub call takes 2 s, so the second run starts while the first holds the lease.
    FakeHubResource.addFaults("{\"type\":\"latency\",\"path\":\"/api/models\",\"ms\":2000}");

    CompletableFuture<CacheRefresh.Outcome> a = CompletableFuture.supplyAsync(this::refreshNow);
    CompletableFuture<CacheRefresh.Outcome> b = CompletableFuture.supplyAsync(this::refreshNow);
    List<CacheRefresh.Outcome> both = List.of(a.get(), b.get());

    assertThat(both).filteredOn(CacheRefresh.Outcome::ran).hasSize(1);
    assertThat(both).filteredOn(o -> !o.ran()).hasSize(1);
    FakeHubResource.clearFaults();
    assertThat(awaitUni(refresh::refresh).ran()).as("the lease was given back").isTrue();
  }

  private CacheRefresh.Outcome refreshNow() {
    try {
      return awaitUni(refresh::refresh);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T awaitUni(Supplier<io.smallrye.mutiny.Uni<T>> work) throws Throwable {
    return StoreContracts.await(work);
  }

  private static List<JsonNode> refreshEvents() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker().bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<JsonNode> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts =
          consumer.partitionsFor(Topics.DISCOVERY).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      var end = consumer.endOffsets(parts);
      long deadline = System.currentTimeMillis() + 10_000;
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.currentTimeMillis() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          JsonNode e = JSON.readTree(r.value());
          if (CacheRefresh.EVENT_TYPE.equals(e.path("type").asText())) {
            out.add(e);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
