package dev.modelmanager.testkit.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) in a child JVM, on fixed
 * ports and a data folder that survive {@link #stop()} / {@link #start()}, so a test can take the
 * broker away and bring the same one back.
 *
 * <p>{@link #main} runs the broker in the current JVM; {@code bin/mm up} uses it that way.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final String CLASSPATH_RESOURCE = "META-INF/mm-kafka-broker.classpath";

  private static final String SHARED = "modelmanager.test.kafka.";

  private final int port;
  private final int controllerPort;
  private final Path dir;
  private final String pidProperty;

  private KafkaBroker(int port, int controllerPort, Path dir) {
    this.port = port;
    this.controllerPort = controllerPort;
    this.dir = dir;
    this.pidProperty = SHARED + port + ".pid";
  }

  /**
   * The broker shared by the whole JVM. Its coordinates live in system properties, not in a static
   * field, because Quarkus loads test resources and test classes with different class loaders.
   */
  public static synchronized KafkaBroker shared() {
    String port = System.getProperty(SHARED + "port");
    if (port != null) {
      return new KafkaBroker(
          Integer.parseInt(port),
          Integer.parseInt(System.getProperty(SHARED + "controller-port")),
          Path.of(System.getProperty(SHARED + "dir")));
    }
    KafkaBroker broker = startNew();
    System.setProperty(SHARED + "controller-port", Integer.toString(broker.controllerPort));
    System.setProperty(SHARED + "dir", broker.dir.toString());
    System.setProperty(SHARED + "port", Integer.toString(broker.port));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "mm-kafka-stop"));
    return broker;
  }

  /** A broker on free ports in a fresh temporary folder, started and ready. */
  public static KafkaBroker startNew() {
    try {
      KafkaBroker broker =
          new KafkaBroker(freePort(), freePort(), Files.createTempDirectory("mm-kafka-"));
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public boolean running() {
    return process().map(ProcessHandle::isAlive).orElse(false);
  }

  private java.util.Optional<ProcessHandle> process() {
    String pid = System.getProperty(pidProperty);
    return pid == null ? java.util.Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
  }

  /**
   * Starts the child JVM (again, on the same ports and data) and waits until it accepts clients.
   */
  public synchronized void start() {
    if (running()) {
      return;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xms128m");
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(childClasspath());
    cmd.add(KafkaBroker.class.getName());
    cmd.add("--port=" + port);
    cmd.add("--controller-port=" + controllerPort);
    cmd.add("--dir=" + dir);
    Process process;
    try {
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker JVM", e);
    }
    System.setProperty(pidProperty, Long.toString(process.pid()));
    try {
      awaitPort(process, Duration.ofSeconds(180));
    } catch (RuntimeException e) {
      // A broker that never came up must not outlive the test JVM as an orphan.
      process.destroyForcibly();
      System.clearProperty(pidProperty);
      throw e;
    }
  }

  /** Kills the broker at once (like a crash or a network cut); data and ports are kept. */
  public synchronized void stop() {
    process()
        .ifPresent(
            p -> {
              p.destroyForcibly();
              p.onExit().join();
            });
    System.clearProperty(pidProperty);
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitPort(Process process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Kafka broker exited with "
                + process.exitValue()
                + "; see "
                + dir.resolve("broker.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IllegalStateException("Kafka broker not listening after " + timeout);
  }

  private static String childClasspath() {
    String own;
    try {
      own =
          Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in =
        KafkaBroker.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CLASSPATH_RESOURCE + " missing: build test-kit with Maven");
      }
      return own
          + java.io.File.pathSeparator
          + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      // The launcher's pause between probes of the child broker process (not a test's wait).
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs a broker in this JVM: {@code --port=9092 --controller-port=9093 --dir=.mm/kafka}. Formats
   * the data folder on first use.
   */
  public static void main(String[] args) throws Exception {
    int port = 9092;
    int controllerPort = 9093;
    Path dir = Path.of(".mm/kafka");
    for (String a : args) {
      if (a.startsWith("--port=")) {
        port = Integer.parseInt(a.substring(7));
      } else if (a.startsWith("--controller-port=")) {
        controllerPort = Integer.parseInt(a.substring(18));
      } else if (a.startsWith("--dir=")) {
        dir = Path.of(a.substring(6));
      }
    }
    Path config = writeConfig(port, controllerPort, dir.toAbsolutePath());
    Path logs = dir.toAbsolutePath().resolve("data");
    if (!Files.exists(logs.resolve("meta.properties"))) {
      int rc =
          kafka.tools.StorageTool.execute(
              new String[] {
                "format",
                "-t",
                UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                "-c",
                config.toString()
              },
              new PrintStream(System.out, true, StandardCharsets.UTF_8));
      if (rc != 0) {
        throw new IllegalStateException("kafka storage format failed with " + rc);
      }
    }
    kafka.Kafka.main(new String[] {config.toString()});
  }

  private static Path writeConfig(int port, int controllerPort, Path dir) throws IOException {
    Files.createDirectories(dir);
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dir.resolve("data").toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("auto.create.topics.enable", "true");
    // A single node: without these, consumer groups and transactions never become available.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("log.flush.interval.messages", "1");
    Path file = dir.resolve("server.properties");
    try (var out = Files.newOutputStream(file)) {
      p.store(out, "generated by dev.modelmanager.testkit.kafka.KafkaBroker");
    }
    return file;
  }
}
