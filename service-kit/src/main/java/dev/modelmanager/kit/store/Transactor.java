package dev.modelmanager.kit.store;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs a use case's writes in one transaction, whichever store is active, so that a state change
 * and its outbox events commit together. Repositories called inside {@code work} join it.
 */
public interface Transactor {
  <T> Uni<T> inTransaction(Supplier<Uni<T>> work);
}
