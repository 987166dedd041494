package dev.modelmanager.gateway.store;

import dev.modelmanager.gateway.audit.AuditHead;
import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.kit.store.SqliteTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;

/**
 * The audit chain in the local SQLite file. SQLite has a single writer: each append first writes
 * the {@code audit_head} row, which takes the database's write lock before the head is read, so
 * concurrent appends queue (busy timeout) instead of forking the chain.
 */
@ApplicationScoped
@Typed(SqliteAuditStore.class)
public class SqliteAuditStore extends SqlAuditStore {
  private final SqliteDatabase db;

  SqliteAuditStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  protected Pool pool() {
    return db.pool();
  }

  @Override
  protected String records() {
    return "audit_record";
  }

  @Override
  protected String headTable() {
    return "audit_head";
  }

  @Override
  protected Uni<AuditHead> lockHead(SqlConnection conn) {
    return conn.query("update audit_head set last_seq = last_seq where id = 1")
        .execute()
        .chain(
            () -> conn.query("select last_seq, last_hash from audit_head where id = 1").execute())
        .map(SqlAuditStore::headOf);
  }

  @Override
  protected Object timeParam(Instant time) {
    return SqliteTime.format(time);
  }

  @Override
  protected Instant timeOf(Row row) {
    return SqliteTime.parse(row.getString("time"));
  }

  @Override
  protected String targetsInsert(String param) {
    return "#{" + param + "}";
  }

  @Override
  protected String targetsSelect() {
    return "targets";
  }

  @Override
  protected String targetsContain(String param) {
    return "exists (select 1 from json_each(targets) where json_each.value = #{" + param + "})";
  }
}
