package dev.modelmanager.weights.engine;

import dev.modelmanager.kit.hf.TransferCancelledException;
import java.util.UUID;

/**
 * A job running in this replica under one claim: its fencing token, how to cancel it, or drop it
 * without a word (lost lease).
 */
final class JobHandle {
  final UUID id;
  final String owner;
  final long epoch;
  private volatile boolean cancelled;
  private volatile boolean abandoned;
  private volatile JobDownload download;

  /** System.nanoTime() before which this replica's lease certainly still holds. */
  private volatile long leaseHeldUntil;

  JobHandle(UUID id, String owner, long epoch, long leaseHeldUntil) {
    this.id = id;
    this.owner = owner;
    this.epoch = epoch;
    this.leaseHeldUntil = leaseHeldUntil;
  }

  /** A user asked to stop: transfers close now, the job ends CANCELLED. */
  void cancel() {
    cancelled = true;
    abortTransfers();
  }

  /**
   * This replica no longer owns the job (lease lost or at risk, shutdown, or a simulated crash):
   * transfers stop and nothing more is written for it.
   */
  void abandon() {
    abandoned = true;
    abortTransfers();
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Abandoned, or the lease may have expired: a write now could race a new owner. */
  boolean abandoned() {
    if (!abandoned && System.nanoTime() - leaseHeldUntil > 0) {
      abandon();
    }
    return abandoned;
  }

  void leaseRenewed(long heldUntilNanos) {
    leaseHeldUntil = heldUntilNanos;
  }

  long leaseHeldUntil() {
    return leaseHeldUntil;
  }

  void attach(JobDownload d) {
    download = d;
    if (cancelled || abandoned) {
      abortTransfers();
    }
  }

  private void abortTransfers() {
    JobDownload d = download;
    if (d != null) {
      d.abort(new TransferCancelledException());
    }
  }
}
