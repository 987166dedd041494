package dev.modelmanager.catalog.domain;

/** An entry failed validation: answered 422 with the whole report. */
public class EntryRejectedException extends RuntimeException {
  private final transient ValidationReport report;

  public EntryRejectedException(String entryId, ValidationReport report) {
    super(
        "The entry "
            + entryId
            + " failed the checks "
            + report.failedChecks()
            + "; nothing was written",
        null,
        false,
        false);
    this.report = report;
  }

  public ValidationReport report() {
    return report;
  }
}
