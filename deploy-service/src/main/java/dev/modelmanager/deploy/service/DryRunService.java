package dev.modelmanager.deploy.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.deploy.client.DiscoveryClient;
import dev.modelmanager.deploy.client.FitAnswer;
import dev.modelmanager.deploy.client.FitQuestion;
import dev.modelmanager.deploy.client.InferenceServiceCluster;
import dev.modelmanager.deploy.client.KubernetesRejected;
import dev.modelmanager.deploy.client.Lookup;
import dev.modelmanager.deploy.client.StagedSnapshot;
import dev.modelmanager.deploy.client.WeightsClient;
import dev.modelmanager.deploy.domain.Gpus;
import dev.modelmanager.deploy.domain.Labels;
import dev.modelmanager.deploy.domain.ManifestDiff;
import dev.modelmanager.deploy.domain.RolloutStrategy;
import dev.modelmanager.deploy.domain.VllmArgs;
import dev.modelmanager.deploy.store.RevisionStore;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.model.catalog.ApprovedEntry;
import dev.modelmanager.model.catalog.ModelEntry;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dry-run: the server-side dry-run of the apply, the diff against the live object, and the
 * pre-flight checks (weights staged and verified, GPU capacity, claim and referenced
 * Secrets/ConfigMaps, the fit engine's verdict). Nothing is recorded.
 */
@ApplicationScoped
public class DryRunService {
  static final String GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";

  private final ManifestPlanner planner;
  private final InferenceServiceCluster cluster;
  private final RevisionStore store;
  private final WeightsClient weights;
  private final DiscoveryClient discovery;
  private final DeployMetrics metrics;

  DryRunService(
      ManifestPlanner planner,
      InferenceServiceCluster cluster,
      RevisionStore store,
      WeightsClient weights,
      DiscoveryClient discovery,
      DeployMetrics metrics) {
    this.planner = planner;
    this.cluster = cluster;
    this.store = store;
    this.weights = weights;
    this.discovery = discovery;
    this.metrics = metrics;
  }

  /** What an activation would apply and whether it can work. */
  public record DryRun(ObjectNode manifest, ManifestDiff diff, List<Check> checks) {
    public boolean ready() {
      return checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
    }
  }

  public DryRun dryRun(String name, String entryId, RolloutStrategy strategy) {
    ApprovedEntry approved = planner.entry(entryId);
    Optional<ObjectNode> live = ClusterProblems.call(() -> cluster.get(name));
    int next = Blocking.await(() -> store.latest(name)).map(r -> r.number() + 1).orElse(1);
    ManifestPlanner.Plan plan = planner.plan(name, next, approved, strategy);
    ManifestDiff diff = ManifestDiff.between(live.orElse(null), plan.manifest());
    List<Check> checks = new ArrayList<>();
    checks.add(serverDryRun(plan.manifest()));
    checks.add(weightsStaged(plan.entry()));
    List<Node> nodes = ClusterProblems.call(cluster::nodes);
    checks.add(gpuCapacity(name, plan, nodes));
    checks.addAll(references(plan));
    checks.add(fit(plan.entry(), nodes));
    metrics.checked(checks);
    return new DryRun(plan.manifest(), diff, checks);
  }

  private Check serverDryRun(ObjectNode manifest) {
    String name = "server-dry-run";
    if (!cluster.serverDryRun()) {
      return Check.couldNotCheck(
          name,
          "this cluster is applied to with create-or-replace (apply-mode replace), which has no dry-run");
    }
    try {
      ClusterProblems.call(() -> cluster.apply(manifest, true));
      return Check.pass(name, "The API server accepted the apply (dryRun=All)");
    } catch (RuntimeException e) {
      return Check.fail(name, e.getMessage());
    }
  }

  private Check weightsStaged(ModelEntry e) {
    String name = "weights-staged";
    if (e.weights() == null || e.weights().location() == null) {
      return Check.pass(name, "vLLM downloads the weights from the Hub at start");
    }
    String location = e.weights().location();
    Lookup<StagedSnapshot> found =
        Blocking.await(() -> weights.snapshot(location, e.hfModelId(), e.revision()));
    return switch (found.status()) {
      case UNAVAILABLE -> Check.couldNotCheck(name, found.detail());
      case MISSING ->
          Check.fail(
              name,
              e.hfModelId()
                  + "@"
                  + e.revision()
                  + " is not staged in location "
                  + location
                  + "; install it with POST /api/v1/weights/installs");
      case FOUND ->
          found.value().verified() && "READY".equalsIgnoreCase(found.value().status())
              ? Check.pass(name, "Staged and verified in location " + location)
              : Check.fail(
                  name,
                  "Staged in "
                      + location
                      + " but "
                      + found.value().status()
                      + (found.value().verified() ? "" : ", not verified"));
    };
  }

  private Check gpuCapacity(String deployment, ManifestPlanner.Plan plan, List<Node> nodes) {
    String name = "gpu-capacity";
    int needed = VllmArgs.gpusPerCopy(plan.entry());
    if (needed == 0) {
      return Check.pass(name, "The predictor requests no GPU");
    }
    List<Pod> pods = ClusterProblems.call(cluster::allPods);
    List<String> seen = new ArrayList<>();
    for (Node node : nodes) {
      if (!ManifestPlanner.matches(node, plan.entry().nodeSelector())) {
        continue;
      }
      int free =
          ManifestPlanner.allocatableGpus(node)
              - requested(node.getMetadata().getName(), pods, deployment, plan.strategy());
      seen.add(node.getMetadata().getName() + ": " + free + " free");
      if (free >= needed) {
        return Check.pass(name, needed + " GPU(s) free on node " + node.getMetadata().getName());
      }
    }
    return Check.fail(
        name,
        "No matching node has "
            + needed
            + " free nvidia.com/gpu"
            + (seen.isEmpty()
                ? " (no node matches the nodeSelector)"
                : " (" + String.join(", ", seen) + ")"));
  }

  /**
   * GPUs requested on a node by running pods; with Recreate, this deployment's own pods leave
   * first.
   */
  private static int requested(
      String node, List<Pod> pods, String deployment, RolloutStrategy strategy) {
    int sum = 0;
    for (Pod p : pods) {
      if (p.getSpec() == null || !node.equals(p.getSpec().getNodeName())) {
        continue;
      }
      String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
        continue;
      }
      var labels = p.getMetadata().getLabels();
      if (strategy == RolloutStrategy.RECREATE
          && labels != null
          && deployment.equals(labels.get(Labels.ISVC_POD_LABEL))) {
        continue;
      }
      for (Container c : p.getSpec().getContainers()) {
        Quantity q =
            c.getResources() == null || c.getResources().getRequests() == null
                ? null
                : c.getResources().getRequests().get(Gpus.NVIDIA);
        sum += q == null ? 0 : Gpus.parse(q.getAmount());
      }
    }
    return sum;
  }

  private List<Check> references(ManifestPlanner.Plan plan) {
    List<Check> checks = new ArrayList<>();
    if (plan.weightsClaim() != null) {
      String claim = plan.weightsClaim();
      checks.add(
          ClusterProblems.call(() -> cluster.claimExists(claim))
              ? Check.pass("pvc", "PersistentVolumeClaim " + claim + " exists")
              : Check.fail("pvc", "PersistentVolumeClaim " + claim + " does not exist"));
    }
    if (plan.entry().env() != null) {
      for (ModelEntry.EnvVar v : plan.entry().env()) {
        if (v.valueFrom() == null) {
          continue;
        }
        if (v.valueFrom().secretKeyRef() != null) {
          checks.add(secretCheck(v.valueFrom().secretKeyRef().name(), v.name()));
        }
        if (v.valueFrom().configMapKeyRef() != null) {
          String map = v.valueFrom().configMapKeyRef().name();
          checks.add(
              ClusterProblems.call(() -> cluster.configMapExists(map))
                  ? Check.pass("configmap", "ConfigMap " + map + " exists")
                  : Check.fail(
                      "configmap", "ConfigMap " + map + " (env " + v.name() + ") does not exist"));
        }
      }
    }
    return checks;
  }

  // The base RBAC grants no access to Secrets (least privilege), so a 403 here is expected and
  // makes the check unknown instead of failing the whole dry-run.
  private Check secretCheck(String secret, String envName) {
    try {
      return cluster.secretExists(secret)
          ? Check.pass("secret", "Secret " + secret + " exists")
          : Check.fail("secret", "Secret " + secret + " (env " + envName + ") does not exist");
    } catch (KubernetesRejected e) {
      if (e.status() == 403) {
        return Check.couldNotCheck(
            "secret", "deploy-service may not read Secret " + secret + " (RBAC grants no Secrets)");
      }
      throw ClusterProblems.translate(e);
    } catch (RuntimeException e) {
      throw ClusterProblems.translate(e);
    }
  }

  private Check fit(ModelEntry e, List<Node> nodes) {
    String name = "fit";
    int gpus = Math.max(1, VllmArgs.gpusPerCopy(e));
    List<FitQuestion.Gpu> asked =
        nodes.stream()
            .filter(n -> ManifestPlanner.matches(n, e.nodeSelector()))
            .map(
                n ->
                    n.getMetadata().getLabels() == null
                        ? null
                        : n.getMetadata().getLabels().get(GPU_PRODUCT_LABEL))
            .filter(p -> p != null)
            .distinct()
            .map(p -> new FitQuestion.Gpu(p, gpus))
            .toList();
    ModelEntry.Vllm v = e.vllm();
    FitQuestion q =
        new FitQuestion(
            e.hfModelId(),
            e.revision(),
            asked.isEmpty() ? null : asked,
            v == null ? null : v.gpuMemoryUtilization(),
            v == null || v.maxModelLen() == null ? null : v.maxModelLen().longValue(),
            v == null ? null : v.quantization());
    Lookup<FitAnswer> answer = Blocking.await(() -> discovery.fit(q));
    return switch (answer.status()) {
      case UNAVAILABLE -> Check.couldNotCheck(name, answer.detail());
      case MISSING ->
          Check.couldNotCheck(
              name,
              "discovery-service could not size "
                  + e.hfModelId()
                  + (asked.isEmpty() ? "" : " on " + asked.get(0).name()));
      case FOUND ->
          answer.value().fits()
              ? Check.pass(name, answer.value().summary())
              : Check.fail(name, answer.value().summary());
    };
  }
}
