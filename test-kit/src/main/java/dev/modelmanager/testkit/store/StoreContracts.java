package dev.modelmanager.testkit.store;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Helpers for contract tests that call reactive store adapters from a JUnit thread. */
public final class StoreContracts {
  private StoreContracts() {}

  /**
   * Subscribes to {@code work} on a Vert.x duplicated context (what Hibernate Reactive and the
   * SQLite transaction binding need) and waits for its item; a failure is thrown as it is.
   */
  public static <T> T await(Supplier<Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(work);
  }
}
