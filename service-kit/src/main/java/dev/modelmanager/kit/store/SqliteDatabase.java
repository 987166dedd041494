package dev.modelmanager.kit.store;

import dev.modelmanager.kit.config.KitConfig;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Function;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The local-development store: one SQLite file per service behind a Vert.x JDBC pool, its schema
 * applied by Flyway on first use (see {@link SqliteMigrations}).
 *
 * <p>The Vert.x pool borrows and returns a JDBC connection for every statement. Over a bare SQLite
 * data source that would open and close the database file each time; with WAL journaling the close
 * of the last connection checkpoints and removes the WAL while another thread opens the file, and
 * under steady traffic (the gateway reads its token table on every request) two worker threads were
 * seen stuck in SQLite's open and close for good. So the connections come from an Agroal pool that
 * opens a few once and keeps them open.
 */
@ApplicationScoped
public class SqliteDatabase {
  private static final String TX_KEY = "mm.sqlite.tx";
  private static final int POOL_SIZE = 4;

  private final KitConfig config;
  private final Vertx vertx;
  private volatile JDBCPool pool;
  private AgroalDataSource connections;

  SqliteDatabase(KitConfig config, Vertx vertx) {
    this.config = config;
    this.vertx = vertx;
  }

  /** The pool, opened and migrated on first use. */
  public synchronized JDBCPool pool() {
    if (pool == null) {
      Path file = Path.of(config.sqlite().path());
      SqliteMigrations.migrate(dataSource(file));
      connections = keptOpen(file);
      pool = JDBCPool.pool(vertx, connections, new JsonObject().put("max_pool_size", POOL_SIZE));
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
    if (connections != null) {
      connections.close();
    }
  }

  private static AgroalDataSource keptOpen(Path file) {
    AgroalDataSourceConfigurationSupplier supplier =
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.initialSize(1)
                        .minSize(1)
                        .maxSize(POOL_SIZE)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .connectionFactoryConfiguration(
                            factory -> {
                              factory
                                  .connectionProviderClass(JDBC.class)
                                  .jdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
                              sqliteConfig()
                                  .toProperties()
                                  .forEach(
                                      (k, v) -> factory.jdbcProperty(k.toString(), v.toString()));
                              return factory;
                            }));
    try {
      return AgroalDataSource.from(supplier);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open " + file, e);
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
    SQLiteDataSource ds = new SQLiteDataSource(sqliteConfig());
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return ds;
  }

  private static SQLiteConfig sqliteConfig() {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setBusyTimeout(10_000);
    // A transaction takes the write lock when it begins (BEGIN IMMEDIATE), waiting up to the busy
    // timeout for it. A deferred one that reads and then writes fails at once with SQLITE_BUSY
    // (the busy timeout does not apply) when another connection committed a write in between, as
    // the outbox relay marking events published does right after a request's commit: the local
    // run answered 500 to a repeated pull-request POST that way.
    cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    cfg.enforceForeignKeys(true);
    return cfg;
  }
}
