package dev.modelmanager.catalog.domain;

import java.util.Objects;

/**
 * One approved model configuration as read from the catalog repository.
 *
 * @param id stable slug chosen by the catalog author
 * @param repo Hugging Face repo id ({@code org/name}), the entry's {@code hfModelId}
 * @param revision the pinned Hugging Face commit
 * @param description free text
 * @param document the entry file's content as canonical JSON
 * @param contentHash sha256 of {@code document}; equal hashes mean an unchanged entry
 * @param sourcePath the file in the repository
 * @param commit the catalog commit this content was read at (null before it is stored)
 */
public record CatalogEntry(
    String id,
    String repo,
    String revision,
    String description,
    String document,
    String contentHash,
    String sourcePath,
    String commit) {

  public CatalogEntry {
    Objects.requireNonNull(id);
    Objects.requireNonNull(repo);
    Objects.requireNonNull(revision);
    Objects.requireNonNull(document);
    Objects.requireNonNull(contentHash);
  }
}
