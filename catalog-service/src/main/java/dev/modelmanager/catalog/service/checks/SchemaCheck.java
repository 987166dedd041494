package dev.modelmanager.catalog.service.checks;

import dev.modelmanager.catalog.domain.CheckResult;
import dev.modelmanager.catalog.domain.EntrySchema;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code schema}: the entry against the JSON Schema, every violation with its JSON Pointer. */
@ApplicationScoped
public class SchemaCheck implements EntryCheck {
  @Override
  public String name() {
    return EntrySchema.CHECK;
  }

  @Override
  public Uni<List<CheckResult>> run(CheckSubject subject) {
    List<CheckResult> violations = EntrySchema.get().violations(subject.document());
    return Uni.createFrom()
        .item(
            violations.isEmpty()
                ? List.of(CheckResult.pass(name(), "the entry matches the catalog schema"))
                : violations);
  }
}
