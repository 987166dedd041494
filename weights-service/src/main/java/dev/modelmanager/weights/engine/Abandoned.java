package dev.modelmanager.weights.engine;

/** Signals that the job was abandoned by this replica and must not be written any more. */
final class Abandoned extends RuntimeException {
  Abandoned() {
    super("abandoned", null, false, false);
  }
}
