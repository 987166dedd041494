package dev.modelmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service process ({@code <module>/target/quarkus-app/quarkus-run.jar}) on a free
 * port, its output in {@code <name>.log} under the test's work folder.
 */
final class PackagedService {
  static final Path ROOT =
      Path.of(System.getProperty("mm.repo.root", "..")).toAbsolutePath().normalize();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int port;
  final Path log;
  final Process process;

  private PackagedService(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code module}'s jar with {@code env} added to this JVM's environment. */
  static PackagedService start(String module, String name, Path work, Map<String, String> env)
      throws IOException {
    Path jar = ROOT.resolve(module + "/target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("%s is packaged", module).exists();
    int port = freePort();
    Path log = work.resolve(name + ".log");
    Files.deleteIfExists(log);
    ProcessBuilder pb =
        new ProcessBuilder("java", "-Xms64m", "-Xmx320m", "-jar", jar.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    return new PackagedService(name, port, log, pb.start());
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Waits until {@code /q/health/ready} answers 200; fails early when the process exits. */
  void awaitReady() {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(process.isAlive()).as("%s exited:%n%s", name, tail()).isTrue();
              try {
                return send("GET", "/q/health/ready", null, null).statusCode() == 200;
              } catch (IOException e) {
                return false;
              }
            });
  }

  void stop() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  HttpResponse<String> send(String method, String path, String authorization, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
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

  /**
   * The sum of a metric's samples on this process whose labels include every given {@code
   * label="value"} pair (0 when none).
   */
  double metric(String name, String... labels) throws IOException, InterruptedException {
    String text = send("GET", "/q/metrics", null, null).body();
    double sum = 0;
    for (String line : text.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      String series = line.substring(0, line.lastIndexOf(' '));
      boolean all = true;
      for (String label : labels) {
        all &= series.contains(label);
      }
      if (all) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
