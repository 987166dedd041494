package dev.modelmanager.weights.domain;

import java.util.EnumSet;
import java.util.Set;

/** The life of an install job; terminal states are SUCCEEDED, FAILED and CANCELLED. */
public enum InstallState {
  QUEUED,
  RESOLVING,
  DOWNLOADING,
  VERIFYING,
  FINALIZING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** States a runner holds a lease for. */
  public static final Set<InstallState> ACTIVE =
      EnumSet.of(RESOLVING, DOWNLOADING, VERIFYING, FINALIZING);

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /** Whether a job may move from this state to {@code next}. */
  public boolean canMoveTo(InstallState next) {
    return switch (this) {
      case QUEUED -> next == RESOLVING || next == CANCELLED || next == FAILED;
      case RESOLVING ->
          next == DOWNLOADING
              || next == FINALIZING
              || next == FAILED
              || next == CANCELLED
              || next == QUEUED
              || next == SUCCEEDED;
      case DOWNLOADING ->
          next == VERIFYING || next == FAILED || next == CANCELLED || next == QUEUED;
      case VERIFYING -> next == FINALIZING || next == FAILED || next == CANCELLED || next == QUEUED;
      case FINALIZING -> next == SUCCEEDED || next == FAILED || next == QUEUED;
      case FAILED, CANCELLED -> next == QUEUED;
      case SUCCEEDED -> false;
    };
  }
}
