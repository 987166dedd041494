package dev.modelmanager.weights.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreKind;
import dev.modelmanager.weights.domain.ByteRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.UUID;

/**
 * What is on disk per blob: persisted byte ranges and the holds of open jobs. Both adapters, one
 * contract ({@link WeightsStoreContract}).
 */
@QuarkusTest
@TestProfile(WeightsContractProfile.class)
class BlobStoreContractTest extends WeightsStoreContract {
  @StoreContract
  void blobHoldsLastUntilTheirJobReleasesThem(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    BlobHoldStore holds = kind.equals("postgres") ? pgHolds : sqliteHolds;
    UUID one = UUID.randomUUID();
    UUID two = UUID.randomUUID();
    String repo = "org/hold-" + UUID.randomUUID();
    await(() -> a.tx().inTransaction(() -> holds.hold(one, "main", repo, List.of("x", "y"))));
    await(() -> a.tx().inTransaction(() -> holds.hold(one, "main", repo, List.of("x"))));
    await(() -> a.tx().inTransaction(() -> holds.hold(two, "main", repo, List.of("y", "z"))));
    await(() -> a.tx().inTransaction(() -> holds.hold(two, "second", repo, List.of("w"))));
    assertThat(await(() -> holds.held("main", repo))).containsExactlyInAnyOrder("x", "y", "z");
    await(() -> a.tx().inTransaction(() -> holds.release(one)));
    assertThat(await(() -> holds.held("main", repo))).containsExactlyInAnyOrder("y", "z");
    await(() -> a.tx().inTransaction(() -> holds.release(two)));
    assertThat(await(() -> holds.held("main", repo))).isEmpty();
  }

  @StoreContract
  void partsAreRememberedPerBlobUntilCleared(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    String blob = (kind.equals("postgres") ? "b" : "c").repeat(64);
    ByteRange big = new ByteRange(3L << 32, (3L << 32) + 100);
    await(() -> a.parts().markDone("main", blob, big));
    await(() -> a.parts().markDone("main", blob, big));
    await(() -> a.parts().markDone("main", blob, new ByteRange(0, 10)));
    await(() -> a.parts().markDone("second", blob, new ByteRange(10, 20)));
    assertThat(await(() -> a.parts().done("main", blob)))
        .containsExactlyInAnyOrder(new ByteRange(0, 10), big);
    await(() -> a.parts().clear("main", blob));
    assertThat(await(() -> a.parts().done("main", blob))).isEmpty();
    assertThat(await(() -> a.parts().done("second", blob))).containsExactly(new ByteRange(10, 20));
  }

  /** Two replicas writing the same shared blob record the same range at once: both succeed. */
  @StoreContract
  void theSameRangeRecordedConcurrentlyIsRecordedOnceWithoutFailing(StoreKind store)
      throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    String blob = UUID.randomUUID().toString().replace("-", "").repeat(2);
    ByteRange range = new ByteRange(0, 4096);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Object>> writes = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        writes.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return await(() -> a.parts().markDone("main", blob, range));
                  } catch (Throwable t) {
                    throw new IllegalStateException(t);
                  }
                }));
      }
      start.countDown();
      for (java.util.concurrent.Future<Object> w : writes) {
        w.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(await(() -> a.parts().done("main", blob))).containsExactly(range);
  }
}
