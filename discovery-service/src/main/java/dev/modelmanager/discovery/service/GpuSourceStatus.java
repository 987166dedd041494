package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.domain.gpu.GpuPoolSource;
import java.time.Instant;

/**
 * How one inventory source fared when the inventory was last made.
 *
 * @param source which source
 * @param state whether it answered
 * @param pools pools it contributed
 * @param detail why it is disabled or failed, or a note (null when there is nothing to say)
 * @param checkedAt when it was asked
 */
public record GpuSourceStatus(
    GpuPoolSource source, State state, int pools, String detail, Instant checkedAt) {

  /** Whether a source answered. */
  public enum State {
    OK,
    DISABLED,
    FAILED
  }
}
