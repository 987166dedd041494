package dev.modelmanager.discovery.client;

import dev.modelmanager.model.catalog.ApprovedEntry;
import java.util.Optional;

/** What catalog-service said about a repo: its approved entry, none, or nothing (unavailable). */
public sealed interface CatalogLookup {

  /** {@code found}, {@code absent} or {@code unavailable}. */
  String status();

  /** The entry when found. */
  default Optional<ApprovedEntry> entry() {
    return Optional.empty();
  }

  /** catalog-service has an approved entry for the repo. */
  record Found(ApprovedEntry approved) implements CatalogLookup {
    @Override
    public String status() {
      return "found";
    }

    @Override
    public Optional<ApprovedEntry> entry() {
      return Optional.of(approved);
    }
  }

  /** catalog-service answered: no entry for the repo (an empty list or a 404). */
  record Absent() implements CatalogLookup {
    @Override
    public String status() {
      return "absent";
    }
  }

  /** catalog-service did not answer in time, failed, or its breaker is open. */
  record Unavailable() implements CatalogLookup {
    @Override
    public String status() {
      return "unavailable";
    }
  }
}
