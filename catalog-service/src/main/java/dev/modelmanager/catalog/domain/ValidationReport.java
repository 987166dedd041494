package dev.modelmanager.catalog.domain;

import java.util.List;

/** Every check's result for one entry; valid when none failed. */
public record ValidationReport(boolean valid, List<CheckResult> checks) {

  public static ValidationReport of(List<CheckResult> checks) {
    return new ValidationReport(
        checks.stream().noneMatch(c -> c.status() == CheckResult.Status.FAIL), List.copyOf(checks));
  }

  /** Names of the checks that failed, each once, in order. */
  public List<String> failedChecks() {
    return checks.stream()
        .filter(c -> c.status() == CheckResult.Status.FAIL)
        .map(CheckResult::name)
        .distinct()
        .toList();
  }
}
