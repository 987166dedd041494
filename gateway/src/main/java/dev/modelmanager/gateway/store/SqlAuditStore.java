package dev.modelmanager.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.audit.AuditChain;
import dev.modelmanager.gateway.audit.AuditEntry;
import dev.modelmanager.gateway.audit.AuditHead;
import dev.modelmanager.gateway.audit.AuditQuery;
import dev.modelmanager.gateway.audit.AuditRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** The SQL both audit adapters share; the subclasses supply the dialect. */
abstract class SqlAuditStore implements AuditStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};

  /** The pool the audit writes and reads go through. */
  protected abstract Pool pool();

  /** {@code audit_record} with its schema where needed. */
  protected abstract String records();

  /** {@code audit_head} with its schema where needed. */
  protected abstract String headTable();

  /** Takes the chain's lock in {@code conn}'s transaction, then answers the head. */
  protected abstract Uni<AuditHead> lockHead(SqlConnection conn);

  /** The value for the {@code time} column. */
  protected abstract Object timeParam(Instant time);

  protected abstract Instant timeOf(Row row);

  /** How the {@code targets} JSON text parameter is written. */
  protected abstract String targetsInsert(String param);

  /** The select expression that reads {@code targets} as JSON text. */
  protected abstract String targetsSelect();

  /** A condition: the targets JSON array holds the string parameter {@code param}. */
  protected abstract String targetsContain(String param);

  private String columns() {
    return "seq, time, kind, actor_subject, actor_name, auth_method, token_id, action, "
        + targetsSelect()
        + ", outcome, request_id, client_address, event_id, details, prev_hash, hash, key_id,"
        + " signature";
  }

  @Override
  public Uni<List<AuditRecord>> append(List<AuditEntry> entries, AuditChain chain) {
    return pool()
        .withTransaction(
            conn ->
                lockHead(conn)
                    .chain(h -> appendFrom(conn, entries, 0, chain, h, new ArrayList<>()))
                    .call(
                        written ->
                            written.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : moveHead(conn, written.get(written.size() - 1))));
  }

  private Uni<List<AuditRecord>> appendFrom(
      SqlConnection conn,
      List<AuditEntry> entries,
      int index,
      AuditChain chain,
      AuditHead head,
      List<AuditRecord> written) {
    if (index == entries.size()) {
      return Uni.createFrom().item(written);
    }
    AuditEntry entry = entries.get(index);
    Uni<Boolean> known =
        entry.eventId() == null
            ? Uni.createFrom().item(false)
            : SqlTemplate.forQuery(conn, "select 1 from " + records() + " where event_id = #{id}")
                .execute(Map.of("id", entry.eventId()))
                .map(rows -> rows.size() > 0);
    return known.chain(
        skip -> {
          if (skip) {
            return appendFrom(conn, entries, index + 1, chain, head, written);
          }
          AuditRecord r = chain.seal(head.lastSeq() + 1, entry, head.lastHash());
          return insert(conn, r)
              .chain(
                  () -> {
                    written.add(r);
                    return appendFrom(
                        conn, entries, index + 1, chain, new AuditHead(r.seq(), r.hash()), written);
                  });
        });
  }

  private Uni<Void> insert(SqlClient conn, AuditRecord r) {
    AuditEntry e = r.entry();
    Map<String, Object> p = new HashMap<>();
    p.put("seq", r.seq());
    p.put("time", timeParam(e.time()));
    p.put("kind", e.kind());
    p.put("subject", e.actor().subject());
    p.put("name", e.actor().name());
    p.put("method", e.actor().authMethod());
    p.put("token", e.actor().tokenId());
    p.put("action", e.action());
    p.put("targets", json(e.targets()));
    p.put("outcome", e.outcome());
    p.put("request", e.requestId());
    p.put("address", e.clientAddress());
    p.put("event", e.eventId());
    p.put("details", e.details().isEmpty() ? null : json(e.details()));
    p.put("prev", r.prevHash());
    p.put("hash", r.hash());
    p.put("key", r.keyId());
    p.put("signature", r.signature());
    return SqlTemplate.forUpdate(
            conn,
            "insert into "
                + records()
                + "(seq, time, kind, actor_subject, actor_name, auth_method, token_id, action,"
                + " targets, outcome, request_id, client_address, event_id, details, prev_hash,"
                + " hash, key_id, signature) values (#{seq}, #{time}, #{kind}, #{subject},"
                + " #{name}, #{method}, #{token}, #{action}, "
                + targetsInsert("targets")
                + ", #{outcome}, #{request}, #{address}, #{event}, #{details}, #{prev}, #{hash},"
                + " #{key}, #{signature})")
        .execute(p)
        .replaceWithVoid();
  }

  private Uni<Void> moveHead(SqlClient conn, AuditRecord last) {
    return SqlTemplate.forUpdate(
            conn,
            "update " + headTable() + " set last_seq = #{seq}, last_hash = #{hash} where id = 1")
        .execute(Map.of("seq", last.seq(), "hash", last.hash()))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<AuditRecord>> find(AuditQuery q, Long cursor, boolean ascending, int limit) {
    List<String> where = new ArrayList<>();
    Map<String, Object> p = new HashMap<>();
    if (cursor != null) {
      where.add(ascending ? "seq > #{cursor}" : "seq < #{cursor}");
      p.put("cursor", cursor);
    }
    if (q.actor() != null) {
      where.add("actor_subject = #{actor}");
      p.put("actor", q.actor());
    }
    if (q.action() != null) {
      where.add("action = #{action}");
      p.put("action", q.action());
    }
    if (q.actionPrefix() != null) {
      // substr, not like: the prefix is taken literally (no % or _ wildcards).
      where.add("substr(action, 1, " + q.actionPrefix().length() + ") = #{actionPrefix}");
      p.put("actionPrefix", q.actionPrefix());
    }
    if (q.outcome() != null) {
      where.add("outcome = #{outcome}");
      p.put("outcome", q.outcome());
    }
    if (q.target() != null) {
      where.add(targetsContain("target"));
      p.put("target", q.target());
    }
    if (q.from() != null) {
      where.add("time >= #{from}");
      p.put("from", timeParam(q.from()));
    }
    if (q.to() != null) {
      where.add("time < #{to}");
      p.put("to", timeParam(q.to()));
    }
    p.put("limit", limit);
    String sql =
        "select "
            + columns()
            + " from "
            + records()
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by seq "
            + (ascending ? "asc" : "desc")
            + " limit #{limit}";
    // On a connection, not the pool: SqlTemplate needs the client itself, not a CDI proxy of it.
    return pool()
        .withConnection(conn -> SqlTemplate.forQuery(conn, sql).execute(p))
        .map(
            rows -> {
              List<AuditRecord> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(toRecord(r));
              }
              return out;
            });
  }

  @Override
  public Uni<AuditHead> head() {
    return pool()
        .query("select last_seq, last_hash from " + headTable() + " where id = 1")
        .execute()
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new AuditHead(r.getLong("last_seq"), r.getString("last_hash"));
            });
  }

  /** Reads the head row of a result. */
  protected static AuditHead headOf(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    Row r = rows.iterator().next();
    return new AuditHead(r.getLong("last_seq"), r.getString("last_hash"));
  }

  private AuditRecord toRecord(Row r) {
    AuditEntry e =
        new AuditEntry(
            timeOf(r) == null ? Instant.EPOCH : timeOf(r),
            nz(r.getString("kind")),
            new AuditEntry.Actor(
                nz(r.getString("actor_subject")),
                r.getString("actor_name"),
                r.getString("auth_method"),
                r.getString("token_id")),
            nz(r.getString("action")),
            parse(r.getString("targets")),
            nz(r.getString("outcome")),
            r.getString("request_id"),
            r.getString("client_address"),
            r.getString("event_id"),
            details(r.getString("details")));
    return new AuditRecord(
        r.getLong("seq"),
        e,
        r.getString("prev_hash"),
        r.getString("hash"),
        r.getString("key_id"),
        r.getString("signature"));
  }

  /**
   * Required columns read back as "" when a row was edited to null, so the record still shows and
   * verify flags it instead of failing.
   */
  private static String nz(String value) {
    return value == null ? "" : value;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The details column read back; a row edited into something that is not a JSON object of text
   * values shows as one {@code unreadable} value, which verify flags.
   */
  private static SortedMap<String, String> details(String details) {
    if (details == null) {
      return AuditEntry.sorted(null);
    }
    try {
      return AuditEntry.sorted(JSON.readValue(details, TEXTS));
    } catch (JsonProcessingException e) {
      return AuditEntry.sorted(Map.of("unreadable", details));
    }
  }

  private static List<String> parse(String targets) {
    if (targets == null) {
      return List.of();
    }
    try {
      return JSON.readValue(targets, STRINGS);
    } catch (JsonProcessingException e) {
      // A row edited into something that is not a JSON list: show it as it is; verify flags it.
      return List.of(targets);
    }
  }
}
