package dev.modelmanager.catalog.domain;

import java.time.Instant;
import java.util.UUID;

/** The outcome of one catalog reload, kept as history. */
public record ReloadRecord(
    UUID id, String commit, Instant finishedAt, int entries, int added, int updated, int removed) {}
