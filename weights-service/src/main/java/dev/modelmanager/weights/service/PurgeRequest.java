package dev.modelmanager.weights.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/weights/purge}. */
public record PurgeRequest(
    @Schema(
            description =
                "lru (least recently accessed first, until targetFreeBytes) or age (older than maxAgeDays)",
            example = "lru")
        String policy,
    @Schema(description = "For age: snapshots not accessed for this many days", example = "30")
        Integer maxAgeDays,
    @Schema(description = "For lru: stop once the location has this many bytes free")
        Long targetFreeBytes,
    @Schema(description = "Storage location; default the first configured") String location,
    @Schema(description = "Only answer the plan (default true)", defaultValue = "true")
        Boolean dryRun) {}
