package dev.modelmanager.kit.store;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.function.Supplier;

/** Hibernate Reactive transaction: Panache repositories inside {@code work} share its session. */
@ApplicationScoped
@Typed(PostgresTransactor.class)
public class PostgresTransactor implements Transactor {
  @Override
  @WithTransaction
  public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
    return work.get();
  }
}
