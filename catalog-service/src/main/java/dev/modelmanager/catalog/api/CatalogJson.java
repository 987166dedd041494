package dev.modelmanager.catalog.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.catalog.domain.CanonicalJson;

/** Typed entries as the JSON trees the API returns. */
final class CatalogJson {
  private CatalogJson() {}

  static JsonNode tree(Object value) {
    return CanonicalJson.normalize(CanonicalJson.mapper().valueToTree(value));
  }
}
