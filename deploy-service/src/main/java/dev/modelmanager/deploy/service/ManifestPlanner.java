package dev.modelmanager.deploy.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.deploy.client.CatalogClient;
import dev.modelmanager.deploy.client.InferenceServiceCluster;
import dev.modelmanager.deploy.client.KubernetesNotConfigured;
import dev.modelmanager.deploy.client.KubernetesRejected;
import dev.modelmanager.deploy.client.KubernetesUnavailable;
import dev.modelmanager.deploy.client.Lookup;
import dev.modelmanager.deploy.config.DeployConfig;
import dev.modelmanager.deploy.domain.Gpus;
import dev.modelmanager.deploy.domain.ManifestRenderer;
import dev.modelmanager.deploy.domain.RenderInput;
import dev.modelmanager.deploy.domain.RolloutStrategy;
import dev.modelmanager.deploy.domain.VllmArgs;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.catalog.ApprovedEntry;
import dev.modelmanager.model.catalog.ModelEntry;
import dev.modelmanager.model.problem.ProblemType;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Turns a catalog entry id into the manifest of a deployment's next revision. */
@ApplicationScoped
public class ManifestPlanner {
  private final CatalogClient catalog;
  private final InferenceServiceCluster cluster;
  private final DeployConfig config;

  ManifestPlanner(CatalogClient catalog, InferenceServiceCluster cluster, DeployConfig config) {
    this.catalog = catalog;
    this.cluster = cluster;
    this.config = config;
  }

  /** A rendered manifest and what it was rendered from. */
  public record Plan(
      ApprovedEntry approved, ObjectNode manifest, RolloutStrategy strategy, String weightsClaim) {
    public ModelEntry entry() {
      return approved.entry();
    }
  }

  /** The approved entry from catalog-service: 404 when absent, 503 when it cannot be asked. */
  public ApprovedEntry entry(String id) {
    Lookup<ApprovedEntry> found = Blocking.await(() -> catalog.entry(id));
    return switch (found.status()) {
      case FOUND -> deployable(found.value());
      case MISSING -> throw ProblemException.notFound("The catalog has no entry " + id);
      case UNAVAILABLE ->
          throw new ProblemException(
              ProblemType.SERVICE_UNAVAILABLE,
              "The catalog entry " + id + " cannot be read: " + found.detail());
    };
  }

  /** Renders revision {@code revision} of {@code deployment} from {@code approved}. */
  public Plan plan(
      String deployment, int revision, ApprovedEntry approved, RolloutStrategy override) {
    ModelEntry e = approved.entry();
    RolloutStrategy strategy =
        override != null
            ? override
            : RolloutStrategy.choose(VllmArgs.gpusPerCopy(e), fleetGpus(e.nodeSelector()));
    String claim = claimOf(e);
    ObjectNode manifest =
        ManifestRenderer.render(
            new RenderInput(deployment, cluster.namespace(), revision, approved, claim, strategy));
    return new Plan(approved, manifest, strategy, claim);
  }

  /** The PVC of the entry's weights location, or null when vLLM downloads from the Hub. */
  public String claimOf(ModelEntry e) {
    if (e.weights() == null || e.weights().location() == null) {
      return null;
    }
    String location = e.weights().location();
    return config.weights().pvcNames().getOrDefault(location, "models-" + location);
  }

  /**
   * Allocatable GPUs of the nodes the predictor may run on: from the cluster when there is one,
   * else the configured figure (null when unknown).
   */
  Integer fleetGpus(Map<String, String> nodeSelector) {
    if (!cluster.enabled()) {
      return config.rollout().fleetGpus().orElse(null);
    }
    try {
      int total = 0;
      for (Node node : cluster.nodes()) {
        if (matches(node, nodeSelector)) {
          total += allocatableGpus(node);
        }
      }
      return total;
    } catch (KubernetesNotConfigured | KubernetesUnavailable | KubernetesRejected e) {
      return config.rollout().fleetGpus().orElse(null);
    }
  }

  static boolean matches(Node node, Map<String, String> selector) {
    if (selector == null || selector.isEmpty()) {
      return true;
    }
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels != null
        && selector.entrySet().stream().allMatch(s -> s.getValue().equals(labels.get(s.getKey())));
  }

  static int allocatableGpus(Node node) {
    if (node.getStatus() == null || node.getStatus().getAllocatable() == null) {
      return 0;
    }
    Quantity q = node.getStatus().getAllocatable().get(Gpus.NVIDIA);
    return q == null ? 0 : Gpus.parse(q.getAmount());
  }

  private static ApprovedEntry deployable(ApprovedEntry approved) {
    ModelEntry e = approved.entry();
    if (e == null || e.hfModelId() == null || e.revision() == null || e.runtime() == null) {
      throw new ProblemException(
          ProblemType.INVALID_CONTENT,
          "The catalog entry cannot be deployed: it needs hfModelId, revision and runtime");
    }
    return approved;
  }
}
