package dev.modelmanager.catalog.service.checks;

import dev.modelmanager.catalog.domain.ArgsRules;
import dev.modelmanager.catalog.domain.CheckResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code args}: see {@link ArgsRules}. */
@ApplicationScoped
public class ArgsCheck implements EntryCheck {
  @Override
  public String name() {
    return ArgsRules.CHECK;
  }

  @Override
  public Uni<List<CheckResult>> run(CheckSubject subject) {
    if (subject.entry() == null) {
      return notRunnable();
    }
    return Uni.createFrom().item(ArgsRules.check(subject.entry()));
  }
}
