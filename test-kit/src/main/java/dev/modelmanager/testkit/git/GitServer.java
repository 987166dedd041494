package dev.modelmanager.testkit.git;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real git server for tests and the local demo: JGit's smart-HTTP {@link GitServlet} over the
 * bare repositories of one folder, on an embedded Jetty, behind HTTP basic auth. Any user name is
 * accepted with the configured token as password (as GitHub accepts {@code x-access-token}).
 * Repositories are served at {@code /<name>.git}; {@code /_admin/...} holds the test knobs (see
 * {@link GitServerAdmin}), reachable over HTTP because tests and Quarkus test resources live in
 * different class loaders.
 */
public final class GitServer implements AutoCloseable {
  private static final Pattern REPO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.git");

  private final Path root;
  private final BasicAuthFilter auth;
  private final Map<String, BranchRace> races = new ConcurrentHashMap<>();
  private final AtomicInteger receives = new AtomicInteger();
  private Server jetty;

  public GitServer(Path root, String token) {
    this.root = root;
    this.auth = new BasicAuthFilter(token);
  }

  /** Starts on {@code port} (0 = a free one) on the loopback interface. */
  public synchronized GitServer start(int port) {
    try {
      Files.createDirectories(root);
      jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(port);
      jetty.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      context.addFilter(new FilterHolder(auth), "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(new ServletHolder(new GitServerAdmin.Servlet(this)), "/_admin/*");
      context.addServlet(new ServletHolder(gitServlet()), "/*");
      jetty.setHandler(context);
      jetty.start();
      return this;
    } catch (Exception e) {
      throw new IllegalStateException("git server did not start", e);
    }
  }

  private GitServlet gitServlet() {
    GitServlet servlet = new GitServlet();
    servlet.setRepositoryResolver((req, name) -> open(name));
    servlet.setUploadPackFactory((req, repo) -> new UploadPack(repo));
    servlet.setReceivePackFactory(
        (req, repo) -> {
          ReceivePack pack = new ReceivePack(repo);
          pack.setPreReceiveHook(
              (rp, commands) -> {
                receives.incrementAndGet();
                commands.forEach(c -> raceFor(repo, c.getRefName()));
              });
          return pack;
        });
    return servlet;
  }

  private Repository open(String name) throws RepositoryNotFoundException {
    if (!REPO_NAME.matcher(name).matches() || !Files.isDirectory(root.resolve(name))) {
      throw new RepositoryNotFoundException(name);
    }
    try {
      return new FileRepositoryBuilder().setGitDir(root.resolve(name).toFile()).setBare().build();
    } catch (IOException e) {
      throw new RepositoryNotFoundException(name, e);
    }
  }

  /** Another writer "moves" the branch first when a race is armed for it. */
  private void raceFor(Repository repo, String refName) {
    BranchRace race = races.get(refName);
    if (race != null && race.consume()) {
      BareRepos.commitFile(
          repo,
          refName,
          "CONCURRENT-" + race.counter() + ".md",
          "someone else pushed here\n",
          "A concurrent change");
    }
  }

  /**
   * Arms a race: before the next {@code times} pushes to {@code branch} are applied, another commit
   * lands on that branch, so the pushes are no longer fast-forwards of what their client fetched.
   */
  public void raceNextPushes(String branch, int times) {
    races.put("refs/heads/" + branch, new BranchRace(times));
  }

  /** Changes the token the server accepts (tests of a wrong token). */
  public void token(String value) {
    auth.token(value);
  }

  /** Pushes (receive-pack runs) the server handled. */
  public int receives() {
    return receives.get();
  }

  /**
   * Creates an empty bare repository {@code name} (ending in .git) whose HEAD is {@code branch}.
   */
  public Path createBare(String name, String branch) {
    return BareRepos.create(root.resolve(name), branch);
  }

  public Path root() {
    return root;
  }

  public synchronized int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /** The clone URL of a repository, without credentials. */
  public String url(String name) {
    return "http://127.0.0.1:" + port() + "/" + name;
  }

  /** The base URL, where {@code /_admin} lives. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public synchronized void close() {
    try {
      if (jetty != null) {
        jetty.stop();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many more pushes to a branch lose a race. */
  private static final class BranchRace {
    private final AtomicInteger left;
    private final AtomicInteger done = new AtomicInteger();

    BranchRace(int times) {
      this.left = new AtomicInteger(times);
    }

    boolean consume() {
      if (left.getAndDecrement() > 0) {
        done.incrementAndGet();
        return true;
      }
      return false;
    }

    int counter() {
      return done.get();
    }
  }
}
