package dev.modelmanager.weights.service;

import dev.modelmanager.kit.hf.TransferCancelledException;
import java.util.UUID;

/** A job running in this replica: how to cancel it, or drop it without a word (lost lease). */
final class JobHandle {
  final UUID id;
  private volatile boolean cancelled;
  private volatile boolean abandoned;
  private volatile JobDownload download;

  JobHandle(UUID id) {
    this.id = id;
  }

  /** A user asked to stop: transfers close now, the job ends CANCELLED. */
  void cancel() {
    cancelled = true;
    abortTransfers();
  }

  /**
   * This replica no longer owns the job (lease lost, shutdown, or a simulated crash): transfers
   * stop and nothing more is written for it.
   */
  void abandon() {
    abandoned = true;
    abortTransfers();
  }

  boolean cancelled() {
    return cancelled;
  }

  boolean abandoned() {
    return abandoned;
  }

  boolean stopping() {
    return cancelled || abandoned;
  }

  void attach(JobDownload d) {
    download = d;
    if (stopping()) {
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
