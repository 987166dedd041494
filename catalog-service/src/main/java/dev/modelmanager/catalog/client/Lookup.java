package dev.modelmanager.catalog.client;

import java.util.Optional;

/**
 * The answer of another service: found (with the value), absent (it answered 404), or unavailable
 * (down, slow, or failing; {@code detail} says which). Callers never see a transport exception.
 */
public record Lookup<T>(State state, T value, String detail) {

  public enum State {
    FOUND,
    ABSENT,
    UNAVAILABLE
  }

  public static <T> Lookup<T> found(T value) {
    return new Lookup<>(State.FOUND, value, null);
  }

  public static <T> Lookup<T> absent(String detail) {
    return new Lookup<>(State.ABSENT, null, detail);
  }

  public static <T> Lookup<T> unavailable(String detail) {
    return new Lookup<>(State.UNAVAILABLE, null, detail);
  }

  public Optional<T> get() {
    return Optional.ofNullable(value);
  }

  public boolean isFound() {
    return state == State.FOUND;
  }

  public boolean isUnavailable() {
    return state == State.UNAVAILABLE;
  }
}
