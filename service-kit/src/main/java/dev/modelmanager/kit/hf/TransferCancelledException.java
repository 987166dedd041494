package dev.modelmanager.kit.hf;

/** A blocking transfer stopped because its owner asked it to (cancel, lost lease, shutdown). */
public final class TransferCancelledException extends RuntimeException {
  public TransferCancelledException() {
    super("cancelled", null, false, false);
  }
}
