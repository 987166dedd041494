package dev.modelmanager.gateway.store;

import dev.modelmanager.gateway.audit.AuditHead;
import dev.modelmanager.kit.config.KitConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The audit chain on the reactive Postgres pool, in transactions of its own: {@code select … for
 * update} on the single {@code audit_head} row serialises appends across every gateway replica.
 */
@ApplicationScoped
@Typed(PostgresAuditStore.class)
public class PostgresAuditStore extends SqlAuditStore {
  // Native SQL does not get Hibernate's default schema: name the service's schema explicitly.
  private final String schema;
  private final Instance<Pool> pool;

  PostgresAuditStore(KitConfig config, Instance<Pool> pool) {
    this.schema = config.schema();
    this.pool = pool;
  }

  @Override
  protected Pool pool() {
    return pool.get();
  }

  @Override
  protected String records() {
    return schema + ".audit_record";
  }

  @Override
  protected String headTable() {
    return schema + ".audit_head";
  }

  @Override
  protected Uni<AuditHead> lockHead(SqlConnection conn) {
    return conn.query("select last_seq, last_hash from " + headTable() + " where id = 1 for update")
        .execute()
        .map(SqlAuditStore::headOf);
  }

  @Override
  protected Object timeParam(Instant time) {
    return time.atOffset(ZoneOffset.UTC);
  }

  @Override
  protected Instant timeOf(Row row) {
    OffsetDateTime t = row.getOffsetDateTime("time");
    return t == null ? null : t.toInstant();
  }

  @Override
  protected String targetsInsert(String param) {
    // The inner cast makes the parameter text, so Postgres parses it as JSON; a parameter typed
    // jsonb would be sent as one JSON string.
    return "cast(cast(#{" + param + "} as text) as jsonb)";
  }

  @Override
  protected String targetsSelect() {
    return "targets::text as targets";
  }

  @Override
  protected String targetsContain(String param) {
    return "targets @> jsonb_build_array(cast(#{" + param + "} as text))";
  }
}
