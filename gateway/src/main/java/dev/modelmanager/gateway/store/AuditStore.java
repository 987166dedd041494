package dev.modelmanager.gateway.store;

import dev.modelmanager.gateway.audit.AuditChain;
import dev.modelmanager.gateway.audit.AuditEntry;
import dev.modelmanager.gateway.audit.AuditHead;
import dev.modelmanager.gateway.audit.AuditQuery;
import dev.modelmanager.gateway.audit.AuditRecord;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** The audit chain's persistence; both adapters pass AuditStoreContractTest. */
public interface AuditStore {

  /**
   * Seals {@code entries} with {@code chain} after the current head and appends them, in one
   * transaction of its own that holds the chain's lock, so concurrent writers (other replicas
   * included) keep one linear chain. An entry whose {@code eventId} is already recorded is skipped.
   *
   * @return the records written, in chain order
   */
  Uni<List<AuditRecord>> append(List<AuditEntry> entries, AuditChain chain);

  /**
   * Records matching {@code query}: newest first below {@code cursor} when {@code ascending} is
   * false, oldest first above it when true; a null cursor starts at the end or the beginning.
   */
  Uni<List<AuditRecord>> find(AuditQuery query, Long cursor, boolean ascending, int limit);

  /** The head the writers keep beside the chain. */
  Uni<AuditHead> head();
}
