package dev.modelmanager.testkit.postgres;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

/**
 * Quarkus test resource for Postgres: the server at 127.0.0.1:5432 when one answers, else an
 * embedded Postgres 15 (zonky) on a free port. Each service's migrations start from a clean schema.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
  private static Endpoint endpoint;
  private String urlPassword;

  /**
   * Init arg {@code urlPassword}: put a password into both datasource URLs (secret-redaction
   * tests).
   */
  @Override
  public void init(Map<String, String> initArgs) {
    urlPassword = initArgs.get("urlPassword");
  }

  /** Where the test Postgres is: JDBC URL, reactive URL and user. */
  public record Endpoint(String host, int port, String database, String user) {
    public String jdbcUrl() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl() {
      return "postgresql://" + host + ":" + port + "/" + database;
    }
  }

  /** The shared endpoint, starting an embedded server when no local one answers. */
  public static synchronized Endpoint endpoint() {
    // Shared through system properties: test resources and tests may live in different class
    // loaders.
    String shared = System.getProperty("modelmanager.test.postgres.endpoint");
    if (endpoint == null && shared != null) {
      String[] f = shared.split("\\|");
      endpoint = new Endpoint(f[0], Integer.parseInt(f[1]), f[2], f[3]);
    }
    if (endpoint == null) {
      String host = System.getProperty("modelmanager.test.postgres.host", "127.0.0.1");
      int port = Integer.getInteger("modelmanager.test.postgres.port", 5432);
      if (reachable(host, port)) {
        endpoint =
            new Endpoint(
                host,
                port,
                System.getProperty("modelmanager.test.postgres.database", "test"),
                "postgres");
      } else {
        endpoint = startEmbedded();
      }
      System.setProperty(
          "modelmanager.test.postgres.endpoint",
          String.join(
              "|",
              endpoint.host(),
              Integer.toString(endpoint.port()),
              endpoint.database(),
              endpoint.user()));
    }
    return endpoint;
  }

  @Override
  public Map<String, String> start() {
    Endpoint e = endpoint();
    String jdbc = urlPassword == null ? e.jdbcUrl() : e.jdbcUrl() + "?password=" + urlPassword;
    String reactive =
        urlPassword == null
            ? e.reactiveUrl()
            : e.reactiveUrl().replace("://", "://" + e.user() + ":" + urlPassword + "@");
    return Map.of(
        "quarkus.datasource.jdbc.url",
        jdbc,
        "quarkus.datasource.reactive.url",
        reactive,
        "quarkus.datasource.username",
        e.user(),
        "quarkus.flyway.clean-at-start",
        "true",
        "quarkus.flyway.clean-disabled",
        "false");
  }

  @Override
  public void stop() {
    // Shared by every test class of this JVM.
  }

  private static boolean reachable(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Endpoint startEmbedded() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
      return new Endpoint("127.0.0.1", pg.getPort(), "postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded Postgres", e);
    }
  }
}
