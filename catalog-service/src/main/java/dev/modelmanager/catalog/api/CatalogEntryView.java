package dev.modelmanager.catalog.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.catalog.domain.CatalogEntry;

/** A catalog entry as the API shows it: identity plus the entry document as JSON. */
public record CatalogEntryView(
    String id,
    String repo,
    String revision,
    String description,
    String sourcePath,
    JsonNode document) {

  static CatalogEntryView of(CatalogEntry e, ObjectMapper mapper) {
    try {
      return new CatalogEntryView(
          e.id(),
          e.repo(),
          e.revision(),
          e.description(),
          e.sourcePath(),
          mapper.readTree(e.document()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException("stored entry " + e.id() + " is not JSON", ex);
    }
  }
}
