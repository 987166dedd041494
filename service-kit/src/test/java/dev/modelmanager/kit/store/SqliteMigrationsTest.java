package dev.modelmanager.kit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The SQLite schema is applied by Flyway: kit migrations, then the service's, once each. */
class SqliteMigrationsTest {
  @TempDir Path dir;

  @Test
  void aNewFileGetsTheKitSchemaAndAFlywayHistory() throws Exception {
    SQLiteDataSource ds = dataSource("new.sqlite");
    SqliteMigrations.migrate(ds);

    assertThat(tables(ds)).contains("outbox", "processed_event", "flyway_schema_history");
    assertThat(query(ds, "select version from flyway_schema_history where success = 1"))
        .contains("0.1", "0.2");
    assertThat(query(ds, "select name from sqlite_master where type = 'index'"))
        .contains("outbox_published_at", "processed_event_processed_at");
  }

  @Test
  void migratingAgainChangesNothing() throws Exception {
    SQLiteDataSource ds = dataSource("again.sqlite");
    SqliteMigrations.migrate(ds);
    List<String> before = query(ds, "select version from flyway_schema_history");
    SqliteMigrations.migrate(ds);
    assertThat(query(ds, "select version from flyway_schema_history")).isEqualTo(before);
  }

  @Test
  void aFileFromTheFormerRunnerKeepsItsDataAndIsTakenOverByFlyway() throws Exception {
    SQLiteDataSource ds = dataSource("legacy.sqlite");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table mm_schema_migrations (name text primary key, applied_at text)");
      s.execute("insert into mm_schema_migrations values ('db/sqlite-kit/V1.sql', 'x')");
      s.execute(
          "create table processed_event (consumer text, event_id text, processed_at text,"
              + " primary key (consumer, event_id))");
      s.execute("insert into processed_event values ('c', 'e', '2025-01-01T00:00:00Z')");
      s.execute("create table outbox (id integer primary key, published_at text)");
    }

    SqliteMigrations.migrate(ds);

    assertThat(query(ds, "select event_id from processed_event")).containsExactly("e");
    assertThat(tables(ds)).contains("flyway_schema_history");
  }

  private SQLiteDataSource dataSource(String name) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve(name));
    return ds;
  }

  private static List<String> tables(SQLiteDataSource ds) throws Exception {
    return query(ds, "select name from sqlite_master where type = 'table'");
  }

  private static List<String> query(SQLiteDataSource ds, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
