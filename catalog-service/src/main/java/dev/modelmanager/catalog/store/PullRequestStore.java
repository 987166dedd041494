package dev.modelmanager.catalog.store;

import dev.modelmanager.catalog.domain.PullRequestRecord;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/** The catalog's pull requests; both adapters pass PullRequestStoreContractTest. */
public interface PullRequestStore {
  /** Inserts or replaces the row of {@code pr.number()}. */
  Uni<Void> save(PullRequestRecord pr);

  Uni<Optional<PullRequestRecord>> find(int number);

  /** Pull requests ordered by number, after {@code afterNumber} (0 for the first page). */
  Uni<List<PullRequestRecord>> page(int afterNumber, int limit, String state);

  /** Open pull requests, for polling their state when webhooks do not arrive. */
  Uni<List<PullRequestRecord>> open();

  /**
   * Stores the bot's proposal (JSON) on pull request {@code number}; {@link #save} leaves it as it
   * is. False when no such pull request is stored.
   */
  Uni<Boolean> saveProposal(int number, String proposal);

  /**
   * The bot's pull requests ({@code kind} bot) with their proposals, newest first, numbered below
   * {@code beforeNumber}, in {@code state} when not null.
   */
  Uni<List<StoredProposal>> proposals(int beforeNumber, int limit, String state);
}
