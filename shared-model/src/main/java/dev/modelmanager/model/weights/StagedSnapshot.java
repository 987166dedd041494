package dev.modelmanager.model.weights;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One snapshot of {@code GET /api/v1/weights}: a revision of a repo staged in a location.
 *
 * @param commit the 40-hex commit staged
 * @param status {@code READY} when usable
 * @param verified whether every file was verified against its hash
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StagedSnapshot(
    String id,
    String repo,
    String revision,
    String commit,
    String location,
    String status,
    boolean verified,
    long sizeBytes) {}
