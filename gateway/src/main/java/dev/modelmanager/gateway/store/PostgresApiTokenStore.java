package dev.modelmanager.gateway.store;

import dev.modelmanager.gateway.domain.ApiToken;
import dev.modelmanager.model.security.Role;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Hibernate Reactive Panache adapter. */
@ApplicationScoped
@Typed(PostgresApiTokenStore.class)
@WithSession
public class PostgresApiTokenStore implements ApiTokenStore {

  @Override
  public Uni<Void> insert(ApiToken token) {
    return Panache.withTransaction(() -> toEntity(token).persist()).replaceWithVoid();
  }

  @Override
  public Uni<Optional<ApiToken>> findByHash(String hash) {
    return ApiTokenEntity.<ApiTokenEntity>find("hash", hash)
        .firstResult()
        .map(e -> Optional.ofNullable(e).map(PostgresApiTokenStore::toToken));
  }

  @Override
  public Uni<Optional<ApiToken>> findById(String id) {
    return ApiTokenEntity.<ApiTokenEntity>findById(id)
        .map(e -> Optional.ofNullable(e).map(PostgresApiTokenStore::toToken));
  }

  @Override
  public Uni<List<ApiToken>> list(String ownerSubject) {
    Sort newest = Sort.descending("createdAt").and("id");
    var query =
        ownerSubject == null
            ? ApiTokenEntity.<ApiTokenEntity>findAll(newest)
            : ApiTokenEntity.<ApiTokenEntity>find("ownerSubject", newest, ownerSubject);
    return query.list().map(rows -> rows.stream().map(PostgresApiTokenStore::toToken).toList());
  }

  @Override
  public Uni<Boolean> revoke(String id, Instant at) {
    return Panache.withTransaction(
            () ->
                ApiTokenEntity.update(
                    "revokedAt = ?1 where id = ?2 and revokedAt is null", utc(at), id))
        .map(n -> n > 0);
  }

  @Override
  public Uni<Void> rotate(String oldId, Instant oldEndsAt, ApiToken replacement) {
    return Panache.withTransaction(
            () ->
                ApiTokenEntity.update(
                        "expiresAt = ?1 where id = ?2 and (expiresAt is null or expiresAt > ?1)",
                        utc(oldEndsAt),
                        oldId)
                    .chain(() -> toEntity(replacement).persist()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> touch(String id, Instant at) {
    return Panache.withTransaction(
            () -> ApiTokenEntity.update("lastUsedAt = ?1 where id = ?2", utc(at), id))
        .replaceWithVoid();
  }

  private static ApiTokenEntity toEntity(ApiToken t) {
    ApiTokenEntity e = new ApiTokenEntity();
    e.id = t.id();
    e.name = t.name();
    e.prefix = t.prefix();
    e.hash = t.hash();
    e.ownerSubject = t.ownerSubject();
    e.ownerName = t.ownerName();
    e.role = t.role().id();
    e.scopes = String.join(" ", t.scopes().stream().sorted().toList());
    e.createdBy = t.createdBy();
    e.createdAt = utc(t.createdAt());
    e.expiresAt = utc(t.expiresAt());
    e.lastUsedAt = utc(t.lastUsedAt());
    e.revokedAt = utc(t.revokedAt());
    return e;
  }

  private static ApiToken toToken(ApiTokenEntity e) {
    return new ApiToken(
        e.id,
        e.name,
        e.prefix,
        e.hash,
        e.ownerSubject,
        e.ownerName,
        Role.of(e.role).orElse(Role.VIEWER),
        Arrays.stream(e.scopes.split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toSet()),
        e.createdBy,
        instant(e.createdAt),
        instant(e.expiresAt),
        instant(e.lastUsedAt),
        instant(e.revokedAt));
  }

  private static OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
