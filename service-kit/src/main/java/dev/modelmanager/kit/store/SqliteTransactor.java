package dev.modelmanager.kit.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.function.Supplier;

/** SQLite transaction on one pooled connection, bound to the Vert.x context while it runs. */
@ApplicationScoped
@Typed(SqliteTransactor.class)
public class SqliteTransactor implements Transactor {
  private final SqliteDatabase db;

  SqliteTransactor(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
    return db.inTransaction(conn -> work.get());
  }
}
