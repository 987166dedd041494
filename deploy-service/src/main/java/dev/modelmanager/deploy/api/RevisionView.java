package dev.modelmanager.deploy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.deploy.domain.ManifestText;
import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.StateChange;
import java.time.Instant;
import java.util.List;

/** A revision as the API shows it; the manifest only when one revision is asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevisionView(
    String deployment,
    int revision,
    String action,
    String state,
    String stateReason,
    String entryId,
    String catalogCommit,
    String model,
    String modelCommit,
    String weightsLocation,
    String strategy,
    String deactivateMode,
    Integer rollbackOf,
    boolean autoRollback,
    String actor,
    String reason,
    Instant createdAt,
    List<StateChange> states,
    DiffView diff,
    JsonNode manifest) {

  static RevisionView of(Revision r, boolean withManifest) {
    return new RevisionView(
        r.deployment(),
        r.number(),
        r.action().name(),
        r.state().name(),
        r.stateReason(),
        r.entryId(),
        r.catalogCommit(),
        r.modelRepo(),
        r.modelCommit(),
        r.weightsLocation(),
        r.strategy(),
        r.deactivateMode() == null ? null : r.deactivateMode().name(),
        r.rollbackOf(),
        r.autoRollback(),
        r.actor(),
        r.reason(),
        r.createdAt(),
        r.states(),
        new DiffView(ManifestText.parseAny(r.diffPatch()), r.diffYaml()),
        withManifest ? ManifestText.parse(r.manifest()) : null);
  }
}
