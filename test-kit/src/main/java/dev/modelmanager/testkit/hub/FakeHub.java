package dev.modelmanager.testkit.hub;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Hugging Face Hub on 127.0.0.1 that speaks the real Hub API (model search and info, tree,
 * resolve with LFS redirects to a CDN, ranges, errors) with fault knobs and a request log.
 *
 * <pre>{@code
 * try (FakeHub hub = new FakeHub().start()) {
 *   hub.addRepo(HubRepo.builder("org/model").generatedModel(configJson, 2).build());
 *   client.baseUrl(hub.url());
 * }
 * }</pre>
 */
public final class FakeHub implements AutoCloseable {

  static {
    // Small keep-alive responses otherwise wait on Nagle + delayed ACK (~40 ms each). The JDK
    // server reads this once, so it is only set when nobody chose a value.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final RepoRegistry registry = new RepoRegistry();
  private final RequestLog requestLog = new RequestLog();
  private final FaultInjector faults = new FaultInjector();
  private final HubSettings settings = new HubSettings();
  private HttpServer server;
  private ThreadPoolExecutor executor;

  /** Starts on an ephemeral port. */
  public FakeHub start() {
    return start(0);
  }

  /** Starts on {@code port} of 127.0.0.1 (0 for an ephemeral port). */
  public synchronized FakeHub start(int port) {
    if (server != null) {
      throw new IllegalStateException("already started on port " + port());
    }
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the fake hub to port " + port, e);
    }
    executor = newExecutor();
    server.setExecutor(executor);
    server.createContext("/", new HubRouter(registry, requestLog, faults, settings));
    server.start();
    return this;
  }

  private static ThreadPoolExecutor newExecutor() {
    AtomicInteger count = new AtomicInteger();
    // Unqueued and elastic: a stalled download must never block other clients' requests.
    return new ThreadPoolExecutor(
        2,
        256,
        30,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "fake-hub-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Stops the server and interrupts stalled responses. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
      executor = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The bound port. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the fake hub is not started");
    }
    return server.getAddress().getPort();
  }

  /** The base URL to use as {@code HF_ENDPOINT}, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** {@link #url()} as a URI. */
  public URI uri() {
    return URI.create(url());
  }

  /** Serves a repository (replacing one with the same id). */
  public FakeHub addRepo(HubRepo repo) {
    registry.add(repo);
    return this;
  }

  /** Serves every repository of a folder, see {@link HubFolderLoader}. */
  public FakeHub addFolder(Path root) {
    HubFolderLoader.load(root).forEach(this::addRepo);
    return this;
  }

  /** Stops serving a repository. */
  public FakeHub removeRepo(String id) {
    registry.remove(id);
    return this;
  }

  public Optional<HubRepo> repo(String id) {
    return registry.get(id);
  }

  public Collection<HubRepo> repos() {
    return registry.all();
  }

  /** The fault knobs. */
  public FaultInjector faults() {
    return faults;
  }

  /** The request log. */
  public RequestLog requestLog() {
    return requestLog;
  }

  /** Every request so far (admin calls excluded). */
  public List<RecordedRequest> requests() {
    return requestLog.requests();
  }

  public void clearRequests() {
    requestLog.clear();
  }

  /** Body bytes sent for paths matching a glob or {@code regex:} pattern. */
  public long bytesServed(String pathPattern) {
    return requestLog.bytesServed(pathPattern);
  }

  /** Number of requests whose path starts with {@code pathPrefix}. */
  public long count(String pathPrefix) {
    return requestLog.count(pathPrefix);
  }

  /** Entries per page of the tree API before a {@code Link: rel="next"} (default 1000). */
  public FakeHub treePageSize(int size) {
    settings.treePageSize(size);
    return this;
  }

  /** Models per page of {@code /api/models} (default and maximum 1000; {@code limit} lowers it). */
  public FakeHub modelsPageSize(int size) {
    settings.modelsPageSize(size);
    return this;
  }

  /**
   * Runs a fake hub until killed: {@code --port 8090} (default 8090, 0 = ephemeral) and {@code
   * --root <dir>} (layout {@code <root>/<org>/<name>/files} with optional {@code _hub.json});
   * without a root it serves the built-in demo models.
   */
  public static void main(String[] args) throws InterruptedException {
    HubCommandLine options = HubCommandLine.parse(args);
    FakeHub hub = new FakeHub();
    if (options.root() != null) {
      hub.addFolder(options.root());
    } else {
      DemoHub.repos().forEach(hub::addRepo);
    }
    hub.start(options.port());
    Runtime.getRuntime().addShutdownHook(new Thread(hub::stop, "fake-hub-shutdown"));
    System.out.println(
        "Fake Hugging Face hub on "
            + hub.url()
            + " serving "
            + hub.repos().size()
            + " repositories:");
    hub.repos().stream().map(HubRepo::id).sorted().forEach(id -> System.out.println("  " + id));
    System.out.println(
        "Use HF_ENDPOINT="
            + hub.url()
            + "  (admin: "
            + hub.url()
            + "/_fake/requests, /_fake/faults)");
    new CountDownLatch(1).await();
  }
}
