package dev.modelmanager.catalog.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One approved model configuration as read from the catalog repository.
 *
 * @param id stable slug chosen by the catalog author
 * @param repo Hugging Face repo id ({@code org/name})
 * @param revision Hugging Face revision to serve
 * @param description free text
 * @param document the entry file's content as canonical JSON
 * @param contentHash sha256 of {@code document}; equal hashes mean an unchanged entry
 * @param sourcePath the file in the repository
 */
public record CatalogEntry(
    String id,
    String repo,
    String revision,
    String description,
    String document,
    String contentHash,
    String sourcePath) {

  public static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,98}[a-z0-9])?");
  public static final Pattern REPO =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

  public CatalogEntry {
    Objects.requireNonNull(id);
    Objects.requireNonNull(repo);
    Objects.requireNonNull(revision);
    Objects.requireNonNull(document);
    Objects.requireNonNull(contentHash);
  }
}
