package dev.modelmanager.model.catalog;

/**
 * A catalog entry as catalog-service serves it at {@code GET /api/v1/catalog/entries/{id}}: the
 * entry plus where it was read from, so a consumer can pin what it deploys to the catalog's git
 * commit.
 *
 * @param entry the entry document
 * @param commit the catalog repository commit the entry was read at
 * @param sourcePath the file in the catalog repository ({@code models/<id>.json})
 */
public record ApprovedEntry(ModelEntry entry, String commit, String sourcePath) {}
