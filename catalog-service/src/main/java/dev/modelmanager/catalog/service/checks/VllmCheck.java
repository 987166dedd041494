package dev.modelmanager.catalog.service.checks;

import dev.modelmanager.catalog.client.DiscoveryClient;
import dev.modelmanager.catalog.client.Lookup;
import dev.modelmanager.catalog.domain.CheckResult;
import dev.modelmanager.model.discovery.ModelSummary;
import dev.modelmanager.model.discovery.VllmArchitecture;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code vllm}: the model's architecture is in vLLM's registry (discovery-service), and {@code
 * trustRemoteCode} is set exactly when the architecture needs it.
 */
@ApplicationScoped
public class VllmCheck implements EntryCheck {
  static final String NAME = "vllm";
  private final DiscoveryClient discovery;

  VllmCheck(DiscoveryClient discovery) {
    this.discovery = discovery;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<List<CheckResult>> run(CheckSubject subject) {
    if (!subject.usable()) {
      return notRunnable();
    }
    return subject.details().chain(details -> withDetails(subject, details)).map(List::of);
  }

  private Uni<CheckResult> withDetails(CheckSubject subject, Lookup<ModelSummary> details) {
    if (details.isUnavailable()) {
      return Uni.createFrom().item(CheckResult.couldNotCheck(NAME, details.detail()));
    }
    List<String> archs =
        details.get().map(ModelSummary::architectures).filter(a -> a != null).orElse(List.of());
    if (archs.isEmpty()) {
      return Uni.createFrom()
          .item(
              CheckResult.warn(
                  NAME, "the model's config.json names no architecture; vLLM support unknown"));
    }
    String arch = archs.get(0);
    boolean modelNeedsCode =
        details.value().vllm() != null && details.value().vllm().trustRemoteCode();
    return discovery.architecture(arch).map(a -> judge(subject, arch, a, modelNeedsCode));
  }

  private static CheckResult judge(
      CheckSubject subject, String arch, Lookup<VllmArchitecture> found, boolean modelNeedsCode) {
    if (found.isUnavailable()) {
      return CheckResult.couldNotCheck(NAME, found.detail());
    }
    if (!found.isFound()) {
      return CheckResult.fail(
          NAME, arch + " is not in vLLM's model registry; vLLM cannot serve it", "/hfModelId");
    }
    boolean needs = modelNeedsCode || found.value().trustRemoteCode();
    boolean set =
        subject.entry().vllm() != null
            && Boolean.TRUE.equals(subject.entry().vllm().trustRemoteCode());
    if (set && !needs) {
      return CheckResult.fail(
          NAME,
          arch + " is built into vLLM; remove trustRemoteCode (it runs code from the repo)",
          "/vllm/trustRemoteCode");
    }
    if (!set && needs) {
      return CheckResult.fail(
          NAME, arch + " needs trustRemoteCode: true to load", "/vllm/trustRemoteCode");
    }
    return CheckResult.pass(NAME, arch + " is in vLLM's registry");
  }
}
