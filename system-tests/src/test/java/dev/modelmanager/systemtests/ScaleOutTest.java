package dev.modelmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.testkit.hub.FakeHub;
import dev.modelmanager.testkit.hub.Fault;
import dev.modelmanager.testkit.hub.HubRepo;
import dev.modelmanager.testkit.kafka.KafkaBroker;
import dev.modelmanager.testkit.postgres.PostgresResource;
import dev.modelmanager.testkit.security.InternalTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out, proven on the packaged service: two weights-service replicas against one Postgres and
 * one Kafka, sharing one weights folder (a ReadWriteMany PVC). Jobs are spread over both and none
 * runs twice (SKIP LOCKED leases), a killed replica's job is finished by the other once its lease
 * expires, the replicas split the partitions of their consumer group, and the outbox relays keep
 * each job's events in order. The replicas use free ports, a schema of their own and an in-process
 * broker and hub, so this runs next to anything else.
 */
class ScaleOutTest {
  private static final Path ROOT =
      Path.of(System.getProperty("mm.repo.root", "..")).toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String SCHEMA = "weights_scaleout";
  private static final int FILE_BYTES = 512 * 1024;

  /**
   * The weights files' bytes as the CDN sends them; the resolve endpoint's 302 (whose short "Found.
   * Redirecting to …" body names the same file) is not a download.
   */
  private static final String WEIGHTS_FROM_THE_CDN =
      "regex:^/cdn/[0-9a-f]+/scale/model-[0-9]+/weights\\.bin$";

  private static final Pattern RUNNER = Pattern.compile("install runner (\\S+) started");

  private static final Map<String, Replica> REPLICAS = new LinkedHashMap<>();
  private static FakeHub hub;
  private static KafkaBroker kafka;
  private static PostgresResource.Endpoint postgres;
  private static Path work;

  /** One weights-service process. */
  static final class Replica {
    final String name;
    final int port;
    Process process;

    Replica(String name, int port) {
      this.name = name;
      this.port = port;
    }

    String url(String path) {
      return "http://127.0.0.1:" + port + path;
    }

    Path log() {
      return work.resolve(name + ".log");
    }

    /** The runner id this process claims jobs under (from its start-up log line). */
    String runnerId() throws IOException {
      Matcher m = RUNNER.matcher(Files.readString(log()));
      String id = null;
      while (m.find()) {
        id = m.group(1);
      }
      return id;
    }
  }

  @BeforeAll
  static void up() throws Exception {
    work = Files.createDirectories(ROOT.resolve("system-tests/target/scale-out"));
    // A run before this one left its blobs: the downloads counted below must all happen now.
    deleteTree(work.resolve("weights"));
    hub = new FakeHub();
    Random random = new Random(13);
    for (int i = 0; i < 10; i++) {
      hub.addRepo(repo("scale/model-" + i, random));
    }
    hub.addRepo(repo("scale/slow", random));
    hub.start(0);
    // Every download waits a little, so that jobs overlap and both replicas get some.
    hub.faults().add(Fault.latency(300).onPath("regex:/scale/.*weights\\.bin"));

    kafka = KafkaBroker.startNew();
    try (Admin admin = admin()) {
      // Four partitions, so the two members of a consumer group each get some.
      admin.createTopics(List.of(new NewTopic("mm.deploy", 4, (short) 1))).all().get();
    }

    postgres = PostgresResource.endpoint();
    try (Connection c = jdbc();
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
    }

    REPLICAS.put("a", new Replica("a", freePort()));
    REPLICAS.put("b", new Replica("b", freePort()));
    for (Replica r : REPLICAS.values()) {
      // One after the other: the first one migrates the schema.
      start(r);
      awaitReady(r);
    }
  }

  @AfterAll
  static void down() {
    REPLICAS.values().forEach(ScaleOutTest::stop);
    if (hub != null) {
      hub.stop();
    }
    if (kafka != null) {
      kafka.stop();
    }
  }

  @Test
  void tenInstallsAreSpreadOverBothReplicasAndNoneRunsTwice() throws Exception {
    Map<String, Double> runsBefore = installsRun();
    long servedBefore = hub.bytesServed(WEIGHTS_FROM_THE_CDN);

    List<String> jobs = new ArrayList<>();
    List<Replica> replicas = List.copyOf(REPLICAS.values());
    for (int i = 0; i < 10; i++) {
      // Half the requests go to each replica, as a Service would spread them.
      jobs.add(install(replicas.get(i % 2), "scale/model-" + i));
    }
    for (String job : jobs) {
      awaitState(job, "SUCCEEDED", Duration.ofSeconds(120));
    }

    for (String job : jobs) {
      assertThat(view(job).get("attempts").asInt()).as("attempts of %s", job).isEqualTo(1);
    }
    Map<String, Double> runsAfter = installsRun();
    Map<String, Double> ran = new HashMap<>();
    runsAfter.forEach((name, n) -> ran.put(name, n - runsBefore.getOrDefault(name, 0.0)));
    assertThat(ran.values().stream().mapToDouble(Double::doubleValue).sum())
        .as("installs run by the replicas together")
        .isEqualTo(10.0);
    assertThat(ran.values()).as("installs run per replica").allMatch(n -> n > 0);
    assertThat(hub.bytesServed(WEIGHTS_FROM_THE_CDN) - servedBefore)
        .as("every weights file downloaded exactly once")
        .isEqualTo(10L * FILE_BYTES);

    // The outbox relays of both replicas keep each job's events in order on mm.weights.
    Map<String, List<String>> events = eventTypesByKey("mm.weights");
    for (String job : jobs) {
      List<String> types = events.get(job);
      assertThat(types).as("events of %s", job).isNotNull();
      assertThat(types.get(0)).isEqualTo("dev.modelmanager.weights.install.created");
      assertThat(types.get(types.size() - 1))
          .isEqualTo("dev.modelmanager.weights.install.succeeded");
      assertThat(types.stream().filter(t -> t.endsWith(".succeeded"))).hasSize(1);
    }
  }

  @Test
  void theReplicasSplitThePartitionsOfTheirConsumerGroup() throws Exception {
    try (Admin admin = admin()) {
      await()
          // A member killed by another test leaves after the session timeout (45 s).
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                ConsumerGroupDescription group =
                    admin
                        .describeConsumerGroups(List.of("weights-service"))
                        .all()
                        .get()
                        .get("weights-service");
                assertThat(group.members()).hasSize(2);
                Set<TopicPartition> seen = new HashSet<>();
                for (MemberDescription m : group.members()) {
                  Set<TopicPartition> mine = m.assignment().topicPartitions();
                  assertThat(mine).as("partitions of %s", m.consumerId()).isNotEmpty();
                  for (TopicPartition p : mine) {
                    assertThat(seen.add(p)).as("%s assigned twice", p).isTrue();
                  }
                }
                assertThat(seen).hasSize(4);
              });
    }
  }

  @Test
  void aKilledReplicasJobIsFinishedByTheOtherAfterItsLease() throws Exception {
    // The first download of the slow model stalls: the job is mid-transfer when its runner dies.
    hub.faults()
        .add(Fault.stall(64 * 1024, 120_000).onPath("regex:/scale/slow/.*weights\\.bin").times(1));
    String job = install(REPLICAS.get("a"), "scale/slow");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> view(job).at("/progress/bytesDone").asLong() > 0 && owner(job) != null);
    String owner = owner(job);
    Replica victim =
        REPLICAS.values().stream()
            .filter(r -> owner.equals(runnerIdOf(r)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no replica runs as " + owner));
    Replica survivor = REPLICAS.values().stream().filter(r -> r != victim).findFirst().get();

    victim.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    try {
      JsonNode done = awaitState(job, "SUCCEEDED", Duration.ofSeconds(90), survivor);
      assertThat(done.get("attempts").asInt())
          .as("claimed again once the lease expired")
          .isEqualTo(2);
      assertThat(column(job, "crashes")).as("the expired lease counts as a crash").isEqualTo("1");
      assertThat(owner(job)).as("released when it ended").isNull();
    } finally {
      // Back to two replicas for whatever runs next.
      start(victim);
      awaitReady(victim);
    }
  }

  // --- the replicas ---

  private static void start(Replica r) throws IOException {
    Path jar = ROOT.resolve("weights-service/target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("weights-service is packaged").exists();
    ProcessBuilder pb =
        new ProcessBuilder("java", "-Xms64m", "-Xmx320m", "-jar", jar.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(r.log().toFile()));
    Map<String, String> env = pb.environment();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(r.port));
    env.put("MM_STORE", "postgres");
    env.put("MM_SCHEMA", SCHEMA);
    env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("HF_ENDPOINT", hub.url());
    // As behind the gateway: each replica verifies the internal token the test sends.
    env.put("MM_INTERNAL_TOKEN_PUBLIC_KEY", InternalTokens.publicKey().toString());
    env.put("MM_WEIGHTS_PATH", work.resolve("weights").toString());
    // Short enough for the killed-replica test to wait out, long enough that a replica on a loaded
    // 2-core machine renews in time: a runner gives a job up by itself once its lease may have run
    // out locally (lease minus max(2 heartbeats, lease/3) after the claim).
    env.put("MM_WEIGHTS_JOBS_LEASE", "12s");
    env.put("MM_WEIGHTS_JOBS_HEARTBEAT", "2s");
    r.process = pb.start();
  }

  private static void stop(Replica r) {
    if (r.process != null && r.process.isAlive()) {
      r.process.destroy();
      try {
        if (!r.process.waitFor(30, TimeUnit.SECONDS)) {
          r.process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void awaitReady(Replica r) {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(r.process.isAlive())
                  .as("replica %s exited:%n%s", r.name, tail(r.log()))
                  .isTrue();
              try {
                return send("GET", r.url("/q/health/ready"), null).statusCode() == 200
                    && r.runnerId() != null;
              } catch (IOException e) {
                return false;
              }
            });
  }

  private static String runnerIdOf(Replica r) {
    try {
      return r.runnerId();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // --- installs ---

  private static String install(Replica r, String repo) throws Exception {
    HttpResponse<String> created =
        send("POST", r.url("/api/v1/weights/installs"), "{\"repo\":\"" + repo + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    return JSON.readTree(created.body()).get("id").asText();
  }

  private static JsonNode view(String job) throws Exception {
    return view(job, REPLICAS.values().stream().filter(r -> r.process.isAlive()).findFirst().get());
  }

  private static JsonNode view(String job, Replica via) throws Exception {
    HttpResponse<String> r = send("GET", via.url("/api/v1/weights/installs/" + job), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode awaitState(String job, String state, Duration within) {
    return awaitState(job, state, within, null);
  }

  private static JsonNode awaitState(String job, String state, Duration within, Replica via) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              last[0] = via == null ? view(job) : view(job, via);
              assertThat(last[0].get("state").asText()).as(last[0].toString()).isEqualTo(state);
            });
    return last[0];
  }

  /** mm_weights_install_duration_seconds_count per replica: the installs each process ran. */
  private static Map<String, Double> installsRun() throws Exception {
    Map<String, Double> out = new HashMap<>();
    for (Replica r : REPLICAS.values()) {
      String text = send("GET", r.url("/q/metrics"), null).body();
      double n = 0;
      for (String line : text.split("\n")) {
        if (line.startsWith("mm_weights_install_duration_seconds_count")) {
          n += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      out.put(r.name, n);
    }
    return out;
  }

  // --- the database, as a replica's runner sees it ---

  private static String owner(String job) throws Exception {
    return column(job, "owner");
  }

  private static String column(String job, String column) throws Exception {
    try (Connection c = jdbc();
        PreparedStatement s =
            c.prepareStatement(
                "select " + column + " from " + SCHEMA + ".install_job where id = ?::uuid")) {
      s.setString(1, job);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static Connection jdbc() throws Exception {
    return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), null);
  }

  // --- Kafka ---

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  /** Every event's type on {@code topic}, per record key, in partition order. */
  private static Map<String, List<String>> eventTypesByKey(String topic) throws Exception {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    Map<String, List<String>> out = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long deadline = System.currentTimeMillis() + 20_000;
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          out.computeIfAbsent(r.key(), k -> new ArrayList<>())
              .add(JSON.readTree(r.value()).path("type").asText());
        }
      }
    }
    return out;
  }

  // --- helpers ---

  private static HubRepo repo(String id, Random random) {
    byte[] weights = new byte[FILE_BYTES];
    random.nextBytes(weights);
    return HubRepo.builder(id)
        .textFile("config.json", "{\"model_type\": \"llama\"}")
        .file("weights.bin", weights)
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static HttpResponse<String> send(String method, String url, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", InternalTokens.bearer("scale-out-test", "Scale-out test"));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
