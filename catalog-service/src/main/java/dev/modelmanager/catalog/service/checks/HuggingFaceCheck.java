package dev.modelmanager.catalog.service.checks;

import dev.modelmanager.catalog.domain.CheckResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code huggingface}: the repository and the pinned commit exist, and its files can be read with
 * the configured token (gated and private models).
 */
@ApplicationScoped
public class HuggingFaceCheck implements EntryCheck {
  static final String NAME = "huggingface";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<List<CheckResult>> run(CheckSubject subject) {
    if (!subject.usable()) {
      return notRunnable();
    }
    String model = subject.entry().hfModelId();
    return subject
        .hub()
        .map(
            hub ->
                List.of(
                    switch (hub.access()) {
                      case FOUND ->
                          CheckResult.pass(
                              NAME,
                              model
                                  + " exists at commit "
                                  + hub.sha()
                                  + ("false".equals(hub.gated())
                                      ? ""
                                      : " (gated " + hub.gated() + "; the token has access)"));
                      case MISSING -> CheckResult.fail(NAME, hub.detail(), "/revision");
                      case DENIED -> CheckResult.fail(NAME, hub.detail(), "/hfModelId");
                      case UNAVAILABLE -> CheckResult.couldNotCheck(NAME, hub.detail());
                    }));
  }
}
