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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The local-development store: one SQLite file per service behind a Vert.x JDBC pool, its schema
 * applied by Flyway on first use (see {@link SqliteMigrations}).
 */
@ApplicationScoped
public class SqliteDatabase {
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
      SqliteMigrations.migrate(dataSource);
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
}
