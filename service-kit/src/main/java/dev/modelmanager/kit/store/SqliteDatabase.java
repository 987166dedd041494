package dev.modelmanager.kit.store;

import dev.modelmanager.kit.config.KitConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.jdbcclient.JDBCPool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The local-development store: one SQLite file per service behind a Vert.x JDBC pool. Migrations
 * are the kit's {@code db/sqlite-kit/V<n>.sql} then the service's {@code db/sqlite/V<n>.sql}.
 */
@ApplicationScoped
public class SqliteDatabase {
  private static final Logger LOG = Logger.getLogger(SqliteDatabase.class);
  private static final String TX_KEY = "mm.sqlite.tx";

  private final KitConfig config;
  private final Vertx vertx;
  private volatile JDBCPool pool;

  SqliteDatabase(KitConfig config, Vertx vertx) {
    this.config = config;
    this.vertx = vertx;
  }

  /** The pool, opened and migrated on first use. */
  public synchronized JDBCPool pool() {
    if (pool == null) {
      SQLiteDataSource dataSource = dataSource(Path.of(config.sqlite().path()));
      migrate(dataSource);
      pool = JDBCPool.pool(vertx, dataSource, new JsonObject().put("max_pool_size", 4));
    }
    return pool;
  }

  /** The connection of the transaction in progress on this context, else the pool. */
  public SqlClient client() {
    SqlConnection tx = currentTransaction();
    return tx != null ? tx : pool();
  }

  /**
   * Runs {@code work} in a transaction; repositories reach its connection through {@link
   * #client()}.
   */
  public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
    SqlConnection existing = currentTransaction();
    if (existing != null) {
      return work.apply(existing);
    }
    return pool()
        .withTransaction(
            conn -> {
              Context ctx = io.vertx.core.Vertx.currentContext();
              ctx.putLocal(TX_KEY, conn);
              return work.apply(conn).eventually(() -> ctx.removeLocal(TX_KEY));
            });
  }

  private static SqlConnection currentTransaction() {
    Context ctx = io.vertx.core.Vertx.currentContext();
    return ctx == null ? null : ctx.getLocal(TX_KEY);
  }

  @PreDestroy
  void close() {
    if (pool != null) {
      pool.closeAndAwait();
    }
  }

  private static SQLiteDataSource dataSource(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of " + file, e);
    }
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setBusyTimeout(10_000);
    cfg.enforceForeignKeys(true);
    SQLiteDataSource ds = new SQLiteDataSource(cfg);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return ds;
  }

  private static void migrate(SQLiteDataSource ds) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "create table if not exists mm_schema_migrations (name text primary key, applied_at text not null)");
      List<String> applied = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("select name from mm_schema_migrations")) {
        while (rs.next()) {
          applied.add(rs.getString(1));
        }
      }
      for (String folder : List.of("db/sqlite-kit", "db/sqlite")) {
        for (int v = 1; ; v++) {
          String name = folder + "/V" + v + ".sql";
          String sql = resource(name);
          if (sql == null) {
            break;
          }
          if (!applied.contains(name)) {
            apply(c, name, sql);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQLite migration failed: " + e.getMessage(), e);
    }
  }

  private static void apply(Connection c, String name, String sql) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String statement : sql.split(";\\s*(\\r?\\n|$)")) {
        if (!statement.isBlank()) {
          s.execute(statement);
        }
      }
      s.execute(
          "insert into mm_schema_migrations(name, applied_at) values ('"
              + name
              + "', strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
      c.commit();
      LOG.infof("applied SQLite migration %s", name);
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static String resource(String name) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
