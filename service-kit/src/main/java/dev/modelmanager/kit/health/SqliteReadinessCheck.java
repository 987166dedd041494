package dev.modelmanager.kit.health;

import dev.modelmanager.kit.config.KitConfig;
import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.kit.store.StoreSelector;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** With {@code mm.store=sqlite}: ready when the SQLite file answers a query. */
@Readiness
@ApplicationScoped
public class SqliteReadinessCheck implements AsyncHealthCheck {
  private final StoreSelector selector;
  private final SqliteDatabase db;
  private final KitConfig config;

  SqliteReadinessCheck(StoreSelector selector, SqliteDatabase db, KitConfig config) {
    this.selector = selector;
    this.db = db;
    this.config = config;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    if (!selector.sqlite()) {
      return Uni.createFrom()
          .item(HealthCheckResponse.named("store").up().withData("store", "postgres").build());
    }
    return Uni.createFrom()
        .deferred(() -> db.pool().query("select 1").execute())
        .map(
            r ->
                HealthCheckResponse.named("store")
                    .up()
                    .withData("store", "sqlite")
                    .withData("path", config.sqlite().path())
                    .build())
        .onFailure()
        .recoverWithItem(
            e ->
                HealthCheckResponse.named("store")
                    .down()
                    .withData("error", e.getMessage())
                    .build());
  }
}
