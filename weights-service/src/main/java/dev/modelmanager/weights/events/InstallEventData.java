package dev.modelmanager.weights.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.weights.domain.InstallJob;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of an install event: the job's identity, state and byte counts. The per-file list stays
 * on the job resource ({@code GET /api/v1/weights/installs/{id}}), so events stay small. {@code
 * actor} is who asked for the install (the subject of the gateway's internal token), so a
 * background outcome (succeeded, failed) links back to them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstallEventData(
    UUID id,
    String repo,
    String revision,
    String commit,
    String location,
    String state,
    long bytesDone,
    long bytesTotal,
    JsonNode error,
    int attempts,
    Instant updatedAt,
    String actor) {

  static InstallEventData of(InstallJob j, JsonNode error) {
    return new InstallEventData(
        j.id,
        j.repo,
        j.revision,
        j.commit,
        j.location,
        j.state.name(),
        j.bytesDone,
        j.bytesTotal,
        error,
        j.attempts,
        j.updatedAt,
        j.requestedBy);
  }
}
