package dev.modelmanager.catalog.client;

import java.util.Map;

/** The entry files of the catalog branch at one commit, keyed by path. */
public record CatalogSnapshot(String commit, Map<String, byte[]> files) {}
