package dev.modelmanager.kit.store;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs a reactive store or client call to completion from a worker thread: the bridge for code that
 * must block (the weights download engine, the fabric8 Kubernetes client). Never call it on an
 * event loop.
 */
public final class Blocking {
  private Blocking() {}

  /** Subscribes to {@code work} on a Vert.x context and waits for its item. */
  public static <T> T await(Supplier<Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(work);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
