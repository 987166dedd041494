package dev.modelmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.testkit.hub.DemoHub;
import dev.modelmanager.testkit.hub.FakeHub;
import dev.modelmanager.testkit.kafka.KafkaBroker;
import dev.modelmanager.testkit.postgres.PostgresResource;
import dev.modelmanager.testkit.security.InternalTokens;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged discovery-service replicas against one Postgres schema, one Kafka broker and one
 * fake Hub: a search page cached by one replica is served by the other from the shared table, and
 * the scheduled cache refresh, ticking every second on both, runs on one of them only (the lease
 * row). Discovery consumes no Kafka topic, so there is no consumer group to split.
 */
class DiscoveryReplicasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = "discovery_replicas";
  private static final String REFRESHED = "dev.modelmanager.discovery.cache.refreshed";

  private static final List<PackagedService> REPLICAS = new ArrayList<>();
  private static FakeHub hub;
  private static KafkaBroker kafka;
  private static PostgresResource.Endpoint postgres;

  @BeforeAll
  static void up() throws Exception {
    Path work =
        Files.createDirectories(PackagedService.ROOT.resolve("system-tests/target/discovery"));
    hub = new FakeHub();
    DemoHub.repos().forEach(hub::addRepo);
    hub.start(0);
    kafka = KafkaBroker.startNew();
    postgres = PostgresResource.endpoint();
    try (Connection c = jdbc();
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
    }
    Map<String, String> env = new HashMap<>();
    env.put("MM_STORE", "postgres");
    env.put("MM_SCHEMA", SCHEMA);
    env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("HF_ENDPOINT", hub.url());
    // As behind the gateway: each replica verifies the internal token the test sends.
    env.put("MM_INTERNAL_TOKEN_PUBLIC_KEY", InternalTokens.publicKey().toString());
    // Both schedulers tick every second; the lease lets one run per 5 h (the default gap).
    env.put("MM_DISCOVERY_REFRESH_INTERVAL", "1s");
    for (String name : List.of("discovery-a", "discovery-b")) {
      // One after the other: the first one migrates the schema.
      PackagedService r = PackagedService.start("discovery-service", name, work, env);
      REPLICAS.add(r);
      r.awaitReady();
    }
  }

  @AfterAll
  static void down() {
    REPLICAS.forEach(PackagedService::stop);
    if (hub != null) {
      hub.stop();
    }
    if (kafka != null) {
      kafka.stop();
    }
  }

  @Test
  void aSearchCachedByOneReplicaIsServedByTheOtherWithoutAHubCall() throws Exception {
    PackagedService a = REPLICAS.get(0);
    PackagedService b = REPLICAS.get(1);
    String query = "/api/v1/huggingface/search?author=Qwen&limit=50";
    long before = hub.count("/api/models");

    JsonNode viaA = search(a, query);
    assertThat(hub.count("/api/models") - before).as("A asked the Hub once").isEqualTo(1);
    double tableHitsB = b.metric("mm_discovery_search_cache_total", "level=\"table\"", "hit");

    JsonNode viaB = search(b, query);
    assertThat(hub.count("/api/models") - before).as("B asked nobody but the table").isEqualTo(1);
    assertThat(viaB.path("items")).isEqualTo(viaA.path("items"));
    assertThat(viaB.path("items").size()).isPositive();
    assertThat(b.metric("mm_discovery_search_cache_total", "level=\"table\"", "hit"))
        .isEqualTo(tableHitsB + 1);
  }

  @Test
  void theRefreshRunsOnOneReplicaWhileBothTick() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (PackagedService r : REPLICAS) {
                assertThat(r.metric("mm_discovery_refresh_runs_total", "outcome=\"skipped\""))
                    .as("ticks %s skipped", r.name)
                    .isGreaterThanOrEqualTo(3);
              }
            });
    double ran = 0;
    int replicasThatRan = 0;
    for (PackagedService r : REPLICAS) {
      double mine = r.metric("mm_discovery_refresh_runs_total", "outcome=\"success\"");
      ran += mine;
      replicasThatRan += mine > 0 ? 1 : 0;
    }
    assertThat(ran).as("refresh runs over both replicas").isEqualTo(1.0);
    assertThat(replicasThatRan).isEqualTo(1);
    assertThat(leaseHolder()).isNotNull();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(refreshEvents()).as("one event on mm.discovery").hasSize(1));
  }

  // --- helpers ---

  private static JsonNode search(PackagedService r, String path) throws Exception {
    HttpResponse<String> res =
        r.send("GET", path, InternalTokens.bearer("discovery-test", "Discovery test"), null);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  private static String leaseHolder() throws Exception {
    try (Connection c = jdbc();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select holder from " + SCHEMA + ".refresh_lease")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static Connection jdbc() throws Exception {
    return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), null);
  }

  private static List<JsonNode> refreshEvents() throws Exception {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<JsonNode> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts =
          consumer.partitionsFor("mm.discovery").stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long deadline = System.currentTimeMillis() + 20_000;
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          JsonNode e = JSON.readTree(r.value());
          if (REFRESHED.equals(e.path("type").asText())) {
            out.add(e);
          }
        }
      }
    }
    return out;
  }
}
