package dev.modelmanager.deploy.domain;

import java.time.Instant;
import java.util.List;

/**
 * One change to a deployment, kept for ever: the full manifest that was applied, what it came from,
 * who asked and why, and the diff to its predecessor. Only {@code state}/{@code stateReason} move
 * on (each move is appended to {@code states}).
 *
 * @param manifest the applied InferenceService as JSON text
 * @param diffPatch the JSON Patch (RFC 6902) from the previous live object to this manifest
 * @param diffYaml the same difference as a unified diff of the YAML forms
 * @param rollbackOf for a rollback, the revision whose manifest it re-applied
 */
public record Revision(
    String deployment,
    int number,
    RevisionAction action,
    String entryId,
    String catalogCommit,
    String modelRepo,
    String modelCommit,
    String weightsLocation,
    String strategy,
    DeactivateMode deactivateMode,
    Integer rollbackOf,
    boolean autoRollback,
    String manifest,
    String diffPatch,
    String diffYaml,
    String actor,
    String reason,
    RevisionState state,
    String stateReason,
    Instant createdAt,
    List<StateChange> states) {

  public Revision {
    states = states == null ? List.of() : List.copyOf(states);
  }

  /** A new revision in state PENDING; the {@code with…} methods fill in where it came from. */
  public static Revision pending(
      String deployment,
      int number,
      RevisionAction action,
      String manifest,
      String diffPatch,
      String diffYaml,
      String actor,
      String reason,
      Instant at) {
    String why = "Recorded, not yet applied";
    return new Revision(
        deployment,
        number,
        action,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        manifest,
        diffPatch,
        diffYaml,
        actor,
        reason,
        RevisionState.PENDING,
        why,
        at,
        List.of(new StateChange(RevisionState.PENDING, why, at)));
  }

  /**
   * This revision with where it comes from: the catalog entry, model and weights it deploys, and
   * for a rollback the revision it re-applies, for a deactivation how it was done.
   */
  public Revision withSource(
      String entryId,
      String catalogCommit,
      String modelRepo,
      String modelCommit,
      String weightsLocation,
      String strategy,
      boolean autoRollback,
      Integer rollbackOf,
      DeactivateMode deactivateMode) {
    return new Revision(
        deployment,
        number,
        action,
        entryId,
        catalogCommit,
        modelRepo,
        modelCommit,
        weightsLocation,
        strategy,
        deactivateMode,
        rollbackOf,
        autoRollback,
        manifest,
        diffPatch,
        diffYaml,
        actor,
        reason,
        state,
        stateReason,
        createdAt,
        states);
  }

  /** This revision moved to {@code next} (the stored history gains the same step). */
  public Revision moveTo(RevisionState next, String why, Instant at) {
    List<StateChange> more = new java.util.ArrayList<>(states);
    more.add(new StateChange(next, why, at));
    return new Revision(
        deployment,
        number,
        action,
        entryId,
        catalogCommit,
        modelRepo,
        modelCommit,
        weightsLocation,
        strategy,
        deactivateMode,
        rollbackOf,
        autoRollback,
        manifest,
        diffPatch,
        diffYaml,
        actor,
        reason,
        next,
        why,
        createdAt,
        more);
  }

  /** When this revision entered {@code s}, if it did. */
  public Instant reached(RevisionState s) {
    return states.stream()
        .filter(c -> c.state() == s)
        .map(StateChange::at)
        .findFirst()
        .orElse(null);
  }

  /** True if the revision was READY at some point (also once SUPERSEDED). */
  public boolean wasReady() {
    return reached(RevisionState.READY) != null;
  }

  /** The staged snapshot it serves ({@code location|repo|commit}), null when none. */
  public String snapshotKey() {
    return weightsLocation == null || modelRepo == null
        ? null
        : weightsLocation + "|" + modelRepo + "|" + modelCommit;
  }

  /** True if this revision put weights into service (activate or rollback, not deactivate). */
  public boolean serves() {
    return action != RevisionAction.DEACTIVATE;
  }
}
