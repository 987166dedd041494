package dev.modelmanager.catalog.service.checks;

import dev.modelmanager.catalog.client.HubModels;
import dev.modelmanager.catalog.config.CatalogConfig;
import dev.modelmanager.catalog.domain.CatalogPolicy;
import dev.modelmanager.catalog.domain.CheckResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code policy}: the entry against {@code mm.catalog.policy.*}; a violation names its rule. */
@ApplicationScoped
public class PolicyCheck implements EntryCheck {
  private final CatalogPolicy policy;

  PolicyCheck(CatalogConfig config) {
    this.policy =
        new CatalogPolicy(
            config.policy().allowedLicenses(),
            config.policy().allowGated(),
            config.policy().allowedOrgs().orElse(List.of()));
  }

  @Override
  public String name() {
    return CatalogPolicy.CHECK;
  }

  @Override
  public Uni<List<CheckResult>> run(CheckSubject subject) {
    if (!subject.usable()) {
      return notRunnable();
    }
    return subject
        .hub()
        .map(
            hub -> {
              boolean known = hub.access() == HubModels.Access.FOUND;
              return policy.check(
                  subject.entry().hfModelId(),
                  subject.entry().license(),
                  known ? hub.license() : null,
                  known ? hub.gated() : null);
            });
  }
}
