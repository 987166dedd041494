package dev.modelmanager.deploy.client;

/**
 * The typed answer of a call to another service: found, not there (an expected 404), or the service
 * could not be asked (down, timing out, breaker open).
 */
public record Lookup<T>(Status status, T value, String detail) {
  /** How the call ended. */
  public enum Status {
    FOUND,
    MISSING,
    UNAVAILABLE
  }

  public static <T> Lookup<T> found(T value) {
    return new Lookup<>(Status.FOUND, value, null);
  }

  public static <T> Lookup<T> missing() {
    return new Lookup<>(Status.MISSING, null, null);
  }

  public static <T> Lookup<T> unavailable(String detail) {
    return new Lookup<>(Status.UNAVAILABLE, null, detail);
  }

  public boolean found() {
    return status == Status.FOUND;
  }
}
