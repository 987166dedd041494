package dev.modelmanager.catalog.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.catalog.domain.CatalogEntry;
import dev.modelmanager.model.catalog.ApprovedEntry;
import dev.modelmanager.model.catalog.ModelEntry;

/** Stored entries as the API shows them: {@link ApprovedEntry}. */
final class ApprovedEntries {
  private ApprovedEntries() {}

  static ApprovedEntry of(CatalogEntry e, ObjectMapper mapper) {
    try {
      return new ApprovedEntry(
          mapper.readValue(e.document(), ModelEntry.class), e.commit(), e.sourcePath());
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException("stored entry " + e.id() + " is not JSON", ex);
    }
  }
}
