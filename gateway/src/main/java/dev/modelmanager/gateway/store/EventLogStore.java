package dev.modelmanager.gateway.store;

import dev.modelmanager.gateway.domain.LoggedEvent;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** The event log's persistence; both adapters pass EventLogStoreContractTest. */
public interface EventLogStore {

  /** Appends an event (its {@code seq} is assigned); joins the caller's transaction. */
  Uni<Void> append(LoggedEvent event);

  /**
   * Events newest first.
   *
   * @param beforeSeq only events older than this position, or null for the newest
   * @param type only events of exactly this type, or null for all
   */
  Uni<List<LoggedEvent>> newestFirst(Long beforeSeq, String type, int limit);

  /** Deletes events received before {@code cutoff}; answers how many went. */
  Uni<Integer> deleteReceivedBefore(java.time.Instant cutoff);
}
