package dev.modelmanager.gateway.preferences;

import dev.modelmanager.gateway.notify.store.Json;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.ZoneOffset;
import java.util.Optional;

/** Hibernate Reactive Panache adapter. */
@ApplicationScoped
@Typed(PostgresPreferencesStore.class)
@WithSession
public class PostgresPreferencesStore implements PreferencesStore {

  @Override
  public Uni<Optional<UserPreferences>> find(String subject) {
    return PreferencesEntity.<PreferencesEntity>findById(subject)
        .map(
            e ->
                Optional.ofNullable(e)
                    .map(
                        p ->
                            new UserPreferences(
                                Json.list(p.favorites),
                                p.defaultGpuPool,
                                p.defaultLocation,
                                p.theme,
                                p.lastSeenEventAt == null ? null : p.lastSeenEventAt.toInstant(),
                                p.updatedAt.toInstant())));
  }

  @Override
  public Uni<Void> save(String subject, UserPreferences p) {
    // An upsert, so two first saves of one person at once cannot collide on the key.
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        s ->
                            s.createNativeQuery(
                                    "insert into {h-schema}user_preferences (subject, favorites,"
                                        + " default_gpu_pool, default_location, theme, last_seen_event_at,"
                                        + " updated_at) values (?1, ?2, ?3, ?4, ?5, ?7, ?6) on"
                                        + " conflict (subject)"
                                        + " do update set favorites = excluded.favorites,"
                                        + " default_gpu_pool = excluded.default_gpu_pool,"
                                        + " default_location = excluded.default_location,"
                                        + " theme = excluded.theme,"
                                        + " last_seen_event_at = excluded.last_seen_event_at,"
                                        + " updated_at = excluded.updated_at")
                                .setParameter(1, subject)
                                .setParameter(2, Json.write(p.favorites()))
                                .setParameter(3, p.defaultGpuPool())
                                .setParameter(4, p.defaultLocation())
                                .setParameter(5, p.theme())
                                .setParameter(6, p.updatedAt().atOffset(ZoneOffset.UTC))
                                .setParameter(
                                    7,
                                    p.lastSeenEventAt() == null
                                        ? null
                                        : p.lastSeenEventAt().atOffset(ZoneOffset.UTC))
                                .executeUpdate()))
        .replaceWithVoid();
  }
}
