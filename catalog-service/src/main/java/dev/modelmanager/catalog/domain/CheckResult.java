package dev.modelmanager.catalog.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * The outcome of one validation check.
 *
 * @param name the check: schema, huggingface, vllm, fit, weights, args or policy
 * @param pointer the JSON Pointer of the field at fault, when one is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String name, Status status, String message, String pointer) {

  /** pass, warn (could not check, or worth a look) or fail (the entry must not be approved). */
  public enum Status {
    PASS,
    WARN,
    FAIL;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static CheckResult pass(String name, String message) {
    return new CheckResult(name, Status.PASS, message, null);
  }

  public static CheckResult warn(String name, String message) {
    return new CheckResult(name, Status.WARN, message, null);
  }

  public static CheckResult fail(String name, String message) {
    return new CheckResult(name, Status.FAIL, message, null);
  }

  public static CheckResult fail(String name, String message, String pointer) {
    return new CheckResult(name, Status.FAIL, message, pointer);
  }

  /** A check that depends on another service which did not answer. */
  public static CheckResult couldNotCheck(String name, String why) {
    return warn(name, "could not check: " + why);
  }
}
