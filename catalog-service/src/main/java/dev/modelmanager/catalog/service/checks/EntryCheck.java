package dev.modelmanager.catalog.service.checks;

import dev.modelmanager.catalog.domain.CheckResult;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** One validation check. Checks never fail: a problem elsewhere is a {@code warn} result. */
public interface EntryCheck {
  String name();

  Uni<List<CheckResult>> run(CheckSubject subject);

  /** The result when the entry does not bind well enough for this check to run. */
  default Uni<List<CheckResult>> notRunnable() {
    return Uni.createFrom()
        .item(
            List.of(
                CheckResult.warn(
                    name(), "not checked: the entry does not match the schema (see schema)")));
  }
}
