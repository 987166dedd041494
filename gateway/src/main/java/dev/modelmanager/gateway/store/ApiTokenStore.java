package dev.modelmanager.gateway.store;

import dev.modelmanager.gateway.domain.ApiToken;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API tokens (hashes only); both adapters pass ApiTokenStoreContractTest. */
public interface ApiTokenStore {

  Uni<Void> insert(ApiToken token);

  /** The token whose plaintext hashes to {@code hash}, revoked and expired ones included. */
  Uni<Optional<ApiToken>> findByHash(String hash);

  Uni<Optional<ApiToken>> findById(String id);

  /** Tokens newest first: every owner's when {@code ownerSubject} is null. Revoked ones too. */
  Uni<List<ApiToken>> list(String ownerSubject);

  /** Marks the token revoked at {@code at}; false when it does not exist or was already revoked. */
  Uni<Boolean> revoke(String id, Instant at);

  /**
   * Replaces a token in one transaction: {@code replacement} is stored and the old token ends at
   * {@code oldEndsAt} (revoked when that is not in the future).
   */
  Uni<Void> rotate(String oldId, Instant oldEndsAt, ApiToken replacement);

  /** Records a use; callers throttle how often. */
  Uni<Void> touch(String id, Instant at);
}
