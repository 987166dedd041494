package dev.modelmanager.discovery.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** SQLite means one process: a job just runs, never twice at once inside the process. */
@ApplicationScoped
@Typed(SqliteRefreshLease.class)
public class SqliteRefreshLease implements RefreshLease {
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  @Override
  public Uni<Boolean> tryAcquire(String name, String holder, Duration hold, Duration minGap) {
    return Uni.createFrom().item(() -> running.add(name));
  }

  @Override
  public Uni<Void> release(String name, String holder) {
    return Uni.createFrom().item(() -> running.remove(name)).replaceWithVoid();
  }
}
