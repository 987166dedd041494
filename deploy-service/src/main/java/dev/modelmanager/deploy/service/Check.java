package dev.modelmanager.deploy.service;

/**
 * One pre-flight check of a dry-run.
 *
 * @param status PASS, FAIL, or UNKNOWN when the check could not be made (a service down)
 */
public record Check(String name, Status status, String detail) {
  /** A check's outcome. */
  public enum Status {
    PASS,
    FAIL,
    UNKNOWN
  }

  static Check pass(String name, String detail) {
    return new Check(name, Status.PASS, detail);
  }

  static Check fail(String name, String detail) {
    return new Check(name, Status.FAIL, detail);
  }

  static Check couldNotCheck(String name, String detail) {
    return new Check(name, Status.UNKNOWN, "could not check: " + detail);
  }
}
