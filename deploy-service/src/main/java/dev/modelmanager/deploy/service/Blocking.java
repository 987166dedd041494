package dev.modelmanager.deploy.service;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs reactive store and client calls from worker threads: the Kubernetes client (fabric8) is
 * blocking, so the use cases that talk to the cluster run on workers, never on an event loop.
 */
final class Blocking {
  private Blocking() {}

  static <T> T await(Supplier<Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(work);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
