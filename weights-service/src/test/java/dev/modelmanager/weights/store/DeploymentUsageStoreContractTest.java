package dev.modelmanager.weights.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.UUID;

/**
 * Which deployment serves which snapshot, from deploy-service events. Both adapters, one contract
 * ({@link WeightsStoreContract}).
 */
@QuarkusTest
@TestProfile(WeightsContractProfile.class)
class DeploymentUsageStoreContractTest extends WeightsStoreContract {
  @StoreContract
  void aDeploymentServesOneSnapshotAndTheLatestEventWins(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    DeploymentUsageStore usage = kind.equals("postgres") ? pgUsage : sqliteUsage;
    String repo = "org/usage-" + UUID.randomUUID();
    String chat = "a-chat-" + UUID.randomUUID();
    String embed = "b-embed-" + UUID.randomUUID();
    String one = "1".repeat(40);
    String two = "2".repeat(40);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    await(() -> a.tx().inTransaction(() -> usage.use(chat, "main", repo, one, t)));
    await(() -> a.tx().inTransaction(() -> usage.use(chat, "main", repo, one, t)));
    await(() -> a.tx().inTransaction(() -> usage.use(embed, "main", repo, one, t)));
    assertThat(await(() -> usage.usedBy("main", repo, one))).containsExactly(chat, embed);
    assertThat(await(() -> usage.usedBy("second", repo, one))).isEmpty();

    // chat moves to another commit; the late release of the old one changes nothing.
    await(() -> a.tx().inTransaction(() -> usage.use(chat, "main", repo, two, t.plusSeconds(2))));
    await(
        () -> a.tx().inTransaction(() -> usage.release(chat, "main", repo, one, t.plusSeconds(1))));
    assertThat(await(() -> usage.usedBy("main", repo, one))).containsExactly(embed);
    assertThat(await(() -> usage.usedBy("main", repo, two))).containsExactly(chat);

    // An event older than the recorded one never wins.
    await(() -> a.tx().inTransaction(() -> usage.use(chat, "main", repo, one, t.plusSeconds(1))));
    await(
        () -> a.tx().inTransaction(() -> usage.release(chat, "main", repo, two, t.plusSeconds(1))));
    assertThat(await(() -> usage.usedBy("main", repo, two))).containsExactly(chat);

    await(
        () -> a.tx().inTransaction(() -> usage.release(chat, "main", repo, two, t.plusSeconds(3))));
    await(
        () ->
            a.tx().inTransaction(() -> usage.release(embed, "main", repo, one, t.plusSeconds(3))));
    assertThat(await(() -> usage.usedBy("main", repo, one))).isEmpty();
    assertThat(await(() -> usage.usedBy("main", repo, two))).isEmpty();
  }
}
