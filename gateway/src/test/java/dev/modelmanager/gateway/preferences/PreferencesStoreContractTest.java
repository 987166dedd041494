package dev.modelmanager.gateway.preferences;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.gateway.GatewayStoreContractProfile;
import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** One behaviour contract for the preferences stores, against real Postgres and SQLite. */
@QuarkusTest
@TestProfile(GatewayStoreContractProfile.class)
class PreferencesStoreContractTest {
  @Inject PostgresPreferencesStore postgres;
  @Inject SqlitePreferencesStore sqlite;

  @StoreContract
  void preferencesRoundTripAndASaveReplacesThem(StoreKind kind) throws Throwable {
    PreferencesStore store = kind.pick(postgres, sqlite);
    String subject = "contract-" + UUID.randomUUID();
    assertThat(await(() -> store.find(subject))).isEmpty();

    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    UserPreferences first =
        new UserPreferences(
            List.of("b/two", "a/one"), "l4", "fast-nvme", "dark", t.minusSeconds(5), t);
    await(() -> store.save(subject, first));
    assertThat(await(() -> store.find(subject))).contains(first);

    UserPreferences second =
        new UserPreferences(List.of(), null, null, "light", null, t.plusSeconds(1));
    await(() -> store.save(subject, second));
    assertThat(await(() -> store.find(subject))).contains(second);
    assertThat(await(() -> store.find(subject + "-other"))).isEmpty();
  }
}
