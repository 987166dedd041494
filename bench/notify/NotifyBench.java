import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The notification benchmark's client (bench/notify/run.sh starts the gateway and Kafka first).
 * Plays the part of a service's outbox relay: publishes structured CloudEvents to mm.weights, as
 * the relay does after a state change, and measures on this side, with one clock:
 *
 * <ol>
 *   <li>webhook: publish → a local receiver gets the signed POST (one channel, paced events);
 *   <li>SSE fan-out: publish → each of N open /api/v1/events/stream clients gets the frame.
 * </ol>
 *
 * Run as a single-file program: java -cp <kafka-clients classpath> NotifyBench.java --gateway=...
 */
public class NotifyBench {
  private static final Pattern EVENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  private final Map<String, String> args;
  private final String gateway;
  private final String auth;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final KafkaProducer<String, String> producer;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  NotifyBench(Map<String, String> args) throws IOException {
    this.args = args;
    this.gateway = args.get("gateway");
    this.auth = "Bearer " + Files.readString(Path.of(args.get("token-file"))).strip();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("kafka"));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all"); // as the outbox relay: sent means stored
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    this.producer = new KafkaProducer<>(p);
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      args.put(a.substring(2, eq), a.substring(eq + 1));
    }
    NotifyBench b = new NotifyBench(args);
    b.warmUp();
    b.webhook(
        Integer.parseInt(args.getOrDefault("events", "1000")),
        Integer.parseInt(args.getOrDefault("rate", "10")));
    b.fanOut(
        Integer.parseInt(args.getOrDefault("clients", "200")),
        Integer.parseInt(args.getOrDefault("sse-events", "100")),
        Integer.parseInt(args.getOrDefault("sse-rate", "5")));
    b.producer.close();
    System.exit(0);
  }

  /** Waits until the gateway's intake has found the topic and logs what is published. */
  void warmUp() throws Exception {
    String type = "dev.modelmanager.weights.bench" + run + ".warmup";
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String id = UUID.randomUUID().toString();
    publish(id, type);
    while (!get("/api/v1/events?limit=5&type=" + type).contains(id)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the gateway did not log the warm-up event in 120 s");
      }
      Thread.sleep(250);
    }
    System.out.println("gateway intake ready");
  }

  /** Publish → webhook received, for {@code n} events at {@code rate} per second. */
  void webhook(int n, int rate) throws Exception {
    Map<String, Long> arrived = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.createContext(
        "/hook",
        ex -> {
          long now = System.nanoTime();
          try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
          }
          String id = ex.getRequestHeaders().getFirst("webhook-id");
          if (id != null && arrived.putIfAbsent(id, now) != null) {
            duplicates.incrementAndGet();
          }
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
    String type = "dev.modelmanager.weights.bench" + run + ".install.succeeded";
    String target = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    post(
        "/api/v1/notifications/channels",
        "{\"name\":\"bench-"
            + run
            + "\",\"type\":\"webhook\",\"target\":\""
            + target
            + "\",\"events\":[\"dev.modelmanager.weights.bench"
            + run
            + ".*\"]}");
    System.out.printf("webhook: %d events at %d/s to %s%n", n, rate, target);
    Map<String, Long> sent = new HashMap<>();
    long start = System.nanoTime();
    long gap = rate <= 0 ? 0 : 1_000_000_000L / rate;
    for (int i = 0; i < n; i++) {
      long at = start + i * gap;
      long wait = at - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      String id = UUID.randomUUID().toString();
      sent.put(id, System.nanoTime());
      publish(id, type);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (arrived.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    receiver.stop(0);
    List<Long> latencies = new ArrayList<>();
    sent.forEach(
        (id, t) -> {
          Long a = arrived.get(id);
          if (a != null) {
            latencies.add(a - t);
          }
        });
    System.out.printf(
        "webhook: received %d of %d, duplicates %d%n", latencies.size(), n, duplicates.get());
    report("webhook: publish -> received", latencies);
  }

  /** Publish → frame at each of {@code clients} SSE streams, for {@code n} events. */
  void fanOut(int clients, int n, int rate) throws Exception {
    String prefix = "dev.modelmanager.weights.ssebench" + run;
    Map<String, long[]> arrivals = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    List<Flow.Subscription> open = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      final int client = c;
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(gateway + "/api/v1/events/stream?type=" + prefix + ".*"))
              .header("Authorization", auth)
              .header("Accept", "text/event-stream")
              .build();
      Flow.Subscriber<String> lines =
          new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
              synchronized (open) {
                open.add(s);
              }
              s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
              if (!line.startsWith("data:")) {
                return;
              }
              long now = System.nanoTime();
              Matcher m = EVENT_ID.matcher(line);
              if (m.find()) {
                long[] a = arrivals.computeIfAbsent(m.group(1), k -> new long[clients]);
                if (a[client] == 0) {
                  a[client] = now;
                  counts.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
                }
              }
            }

            @Override
            public void onError(Throwable t) {
              System.err.println("stream " + client + " failed: " + t);
            }

            @Override
            public void onComplete() {}
          };
      http.sendAsync(req, HttpResponse.BodyHandlers.fromLineSubscriber(lines));
    }
    // Every stream is open and registered once each has a "ready" event.
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    boolean ready = false;
    while (!ready) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not all " + clients + " streams got the ready event");
      }
      String id = UUID.randomUUID().toString();
      publish(id, prefix + ".ready");
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < until && !ready) {
        Thread.sleep(50);
        ready = counts.values().stream().anyMatch(x -> x.get() == clients);
      }
    }
    System.out.printf("sse: %d streams open; %d events at %d/s%n", clients, n, rate);
    Map<String, Long> sent = new HashMap<>();
    long start = System.nanoTime();
    long gap = 1_000_000_000L / Math.max(rate, 1);
    for (int i = 0; i < n; i++) {
      long wait = start + i * gap - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      String id = UUID.randomUUID().toString();
      sent.put(id, System.nanoTime());
      publish(id, prefix + ".install.succeeded");
    }
    deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline
        && sent.keySet().stream()
            .anyMatch(id -> counts.getOrDefault(id, new AtomicInteger()).get() < clients)) {
      Thread.sleep(100);
    }
    List<Long> all = new ArrayList<>();
    List<Long> first = new ArrayList<>();
    List<Long> each = new ArrayList<>();
    int complete = 0;
    for (Map.Entry<String, Long> e : sent.entrySet()) {
      long[] a = arrivals.get(e.getKey());
      if (a == null) {
        continue;
      }
      long min = Long.MAX_VALUE;
      long max = 0;
      int got = 0;
      for (long t : a) {
        if (t != 0) {
          got++;
          min = Math.min(min, t - e.getValue());
          max = Math.max(max, t - e.getValue());
          each.add(t - e.getValue());
        }
      }
      if (got == clients) {
        complete++;
        all.add(max);
      }
      if (got > 0) {
        first.add(min);
      }
    }
    System.out.printf("sse: %d of %d events reached all %d streams%n", complete, n, clients);
    report("sse: publish -> first of " + clients + " streams", first);
    report("sse: publish -> every one of " + clients + " streams", all);
    report("sse: publish -> each stream (all deliveries)", each);
    synchronized (open) {
      open.forEach(Flow.Subscription::cancel);
    }
  }

  private void publish(String id, String type) throws Exception {
    String event =
        "{\"specversion\":\"1.0\",\"id\":\""
            + id
            + "\",\"source\":\"/weights-service\",\"type\":\""
            + type
            + "\",\"subject\":\"install-"
            + id.substring(0, 8)
            + "\",\"time\":\""
            + Instant.now()
            + "\",\"datacontenttype\":\"application/json\",\"data\":{\"model\":\"bench/model\","
            + "\"revision\":\"abc1234\",\"location\":\"bench\",\"actor\":\"bench\"}}";
    ProducerRecord<String, String> r = new ProducerRecord<>("mm.weights", "install-" + id, event);
    r.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
    producer.send(r).get();
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", auth).build(),
            HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  private void post(String path, String json) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  private static void report(String what, List<Long> nanos) {
    if (nanos.isEmpty()) {
      System.out.printf("%-48s no samples%n", what);
      return;
    }
    long[] ms = nanos.stream().mapToLong(x -> x).sorted().toArray();
    System.out.printf(
        "%-48s n=%d  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
        what, ms.length, pct(ms, 50), pct(ms, 99), ms[ms.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
  }
}
