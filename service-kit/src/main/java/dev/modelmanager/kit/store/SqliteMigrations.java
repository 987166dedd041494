package dev.modelmanager.kit.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Applies the SQLite schema with Flyway: the kit's {@code db/sqlite-kit} ({@code V0_<n>__…}) and
 * the service's {@code db/sqlite} ({@code V<n>__…}) as one history, like the Postgres side's {@code
 * db/kit} and {@code db/migration}. Out-of-order is allowed because the kit's and the service's
 * migrations are written independently: a new kit migration must still apply to a file that already
 * has service versions.
 */
final class SqliteMigrations {
  static final String KIT_LOCATION = "classpath:db/sqlite-kit";
  static final String SERVICE_LOCATION = "classpath:db/sqlite";
  private static final Logger LOG = Logger.getLogger(SqliteMigrations.class);
  // The table of the hand-written runner that came before Flyway (0.1.0 files).
  private static final String LEGACY_TABLE = "mm_schema_migrations";

  private SqliteMigrations() {}

  static void migrate(DataSource dataSource) {
    var configuration =
        Flyway.configure(Thread.currentThread().getContextClassLoader())
            .dataSource(dataSource)
            .locations(KIT_LOCATION, SERVICE_LOCATION)
            .outOfOrder(true)
            .failOnMissingLocations(false);
    Optional<String> legacy = legacyVersion(dataSource);
    if (legacy.isPresent()) {
      // A file made by the old runner: its schema is already at that version; Flyway takes over.
      configuration.baselineOnMigrate(true).baselineVersion(legacy.get());
    }
    try {
      MigrateResult result = configuration.load().migrate();
      if (result.migrationsExecuted > 0) {
        LOG.infof(
            "applied %d SQLite migration(s), schema now at %s",
            result.migrationsExecuted, result.targetSchemaVersion);
      }
    } catch (FlywayException e) {
      throw new IllegalStateException("SQLite migration failed: " + e.getMessage(), e);
    }
  }

  /** The service version the old runner reached, when the file was made by it. */
  private static Optional<String> legacyVersion(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      java.util.Set<String> tables = new java.util.HashSet<>();
      try (ResultSet t = s.executeQuery("select name from sqlite_master where type = 'table'")) {
        while (t.next()) {
          tables.add(t.getString(1));
        }
      }
      if (!tables.contains(LEGACY_TABLE) || tables.contains("flyway_schema_history")) {
        return Optional.empty();
      }
      int highest = 0;
      try (ResultSet rs = s.executeQuery("select name from " + LEGACY_TABLE)) {
        while (rs.next()) {
          String name = rs.getString(1);
          if (name.startsWith("db/sqlite/V")) {
            highest =
                Math.max(
                    highest,
                    Integer.parseInt(
                        name.substring("db/sqlite/V".length(), name.length() - ".sql".length())));
          }
        }
      }
      return Optional.of(highest == 0 ? "0.1" : Integer.toString(highest));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the SQLite schema: " + e.getMessage(), e);
    }
  }
}
