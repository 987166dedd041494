package dev.modelmanager.weights.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An install job as stored: what to install, where, how far it got and who runs it. Mutable: the
 * runner advances it and the stores save it.
 */
public final class InstallJob {
  public UUID id;
  public String repo;
  public String revision;

  /** The commit the revision resolved to; null until RESOLVING is done. */
  public String commit;

  public String location;
  public List<String> include = List.of();
  public List<String> exclude = List.of();
  public boolean overwrite;
  public boolean pin;
  public InstallState state = InstallState.QUEUED;

  /** The failure as problem JSON, when FAILED. */
  public String error;

  public long bytesTotal;
  public long bytesDone;

  /** The planned files and their progress as JSON (see JobPlan). */
  public String plan;

  public boolean cancelRequested;

  /** The replica holding the lease, null when none. */
  public String owner;

  public Instant leaseUntil;

  /** The fencing token of the current claim: every write of the owner is conditional on it. */
  public long leaseEpoch;

  /** Claims so far. */
  public int attempts;

  /** Claims that took the job over from an owner whose lease expired (it crashed or hung). */
  public int crashes;

  /**
   * Who asked for the install: the subject of the gateway's internal token ({@code local} where
   * tokens are not required). Events carry it so outcomes link back to the actor.
   */
  public String requestedBy;

  public Instant createdAt;
  public Instant updatedAt;
  public Instant startedAt;
  public Instant finishedAt;

  public static InstallJob create(
      String repo,
      String revision,
      String location,
      List<String> include,
      List<String> exclude,
      boolean overwrite,
      boolean pin,
      Instant now) {
    InstallJob j = new InstallJob();
    j.id = UUID.randomUUID();
    j.repo = repo;
    j.revision = revision;
    j.location = location;
    j.include = List.copyOf(include);
    j.exclude = List.copyOf(exclude);
    j.overwrite = overwrite;
    j.pin = pin;
    j.createdAt = now;
    j.updatedAt = now;
    return j;
  }

  /** Moves to {@code next}, refusing transitions the state machine does not allow. */
  public void moveTo(InstallState next, Instant now) {
    if (state != next && !state.canMoveTo(next)) {
      throw new IllegalStateException("install " + id + " cannot go from " + state + " to " + next);
    }
    state = next;
    updatedAt = now;
    if (next.terminal()) {
      finishedAt = now;
      owner = null;
      leaseUntil = null;
    }
  }
}
