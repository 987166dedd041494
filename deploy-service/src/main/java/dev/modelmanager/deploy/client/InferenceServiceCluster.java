package dev.modelmanager.deploy.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.deploy.config.DeployConfig;
import dev.modelmanager.deploy.domain.Labels;
import dev.modelmanager.deploy.domain.ManifestText;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The InferenceServices of the configured namespace and what they run on: pods, events, nodes,
 * claims, secrets. Blocking (fabric8); call it from worker threads. Every failure becomes {@link
 * KubernetesNotConfigured}, {@link KubernetesUnavailable} or {@link KubernetesRejected}.
 */
@ApplicationScoped
public class InferenceServiceCluster {
  static final ResourceDefinitionContext INFERENCE_SERVICES =
      new ResourceDefinitionContext.Builder()
          .withGroup("serving.kserve.io")
          .withVersion("v1beta1")
          .withKind("InferenceService")
          .withPlural("inferenceservices")
          .withNamespaced(true)
          .build();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DeployConfig.Kubernetes config;
  private final Instance<KubernetesClient> quarkusClient;
  private final ManifestApplier applier;
  private volatile KubernetesClient client;

  InferenceServiceCluster(
      DeployConfig config,
      Instance<KubernetesClient> quarkusClient,
      Instance<ManifestApplier> applier) {
    this.config = config.kubernetes();
    this.quarkusClient = quarkusClient;
    this.applier =
        applier.isResolvable()
            ? applier.get()
            : "replace".equals(this.config.applyMode())
                ? new ManifestApplier.CreateOrReplace()
                : new ManifestApplier.ServerSide();
  }

  public boolean enabled() {
    return config.enabled();
  }

  /** False with {@code apply-mode=replace}: such API servers get no dry-run write at all. */
  public boolean serverDryRun() {
    return applier instanceof ManifestApplier.ServerSide;
  }

  public String namespace() {
    return config.namespace();
  }

  /** The live InferenceService, if there is one. */
  public Optional<ObjectNode> get(String name) {
    return call(() -> Optional.ofNullable(isvcs().withName(name).get()).map(ManifestText::tree));
  }

  /** Every InferenceService of the namespace by name. */
  public java.util.Map<String, ObjectNode> all() {
    return call(
        () -> {
          java.util.Map<String, ObjectNode> out = new java.util.HashMap<>();
          for (GenericKubernetesResource r : isvcs().list().getItems()) {
            out.put(r.getMetadata().getName(), ManifestText.tree(r));
          }
          return out;
        });
  }

  /** Applies the manifest ({@code dryRun}: validated by the API server, not persisted). */
  public ObjectNode apply(ObjectNode manifest, boolean dryRun) {
    GenericKubernetesResource resource =
        MAPPER.convertValue(manifest, GenericKubernetesResource.class);
    return call(() -> ManifestText.tree(applier.apply(isvcs(), resource, dryRun)));
  }

  public void delete(String name) {
    call(() -> isvcs().withName(name).delete());
  }

  /**
   * The InferenceService's pods (KServe labels them {@code serving.kserve.io/inferenceservice}).
   */
  public List<Pod> pods(String name) {
    return call(
        () ->
            client()
                .pods()
                .inNamespace(namespace())
                .withLabel(Labels.ISVC_POD_LABEL, name)
                .list()
                .getItems());
  }

  /** Every pod of the cluster, for the GPUs they request. */
  public List<Pod> allPods() {
    return call(() -> client().pods().inAnyNamespace().list().getItems());
  }

  public List<Event> events() {
    return call(() -> client().v1().events().inNamespace(namespace()).list().getItems());
  }

  public List<Node> nodes() {
    return call(() -> client().nodes().list().getItems());
  }

  /** The last {@code lines} log lines of a container, or null when they cannot be read. */
  public String logTail(Pod pod, String container, int lines) {
    try {
      return client()
          .pods()
          .inNamespace(namespace())
          .withName(pod.getMetadata().getName())
          .inContainer(container)
          .tailingLines(lines)
          .getLog();
    } catch (KubernetesClientException e) {
      return null;
    }
  }

  public boolean claimExists(String name) {
    return call(
        () ->
            client().persistentVolumeClaims().inNamespace(namespace()).withName(name).get()
                != null);
  }

  public boolean secretExists(String name) {
    return call(() -> client().secrets().inNamespace(namespace()).withName(name).get() != null);
  }

  public boolean configMapExists(String name) {
    return call(() -> client().configMaps().inNamespace(namespace()).withName(name).get() != null);
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      isvcs() {
    return client().genericKubernetesResources(INFERENCE_SERVICES).inNamespace(namespace());
  }

  private KubernetesClient client() {
    if (!config.enabled()) {
      throw new KubernetesNotConfigured();
    }
    if (client == null) {
      synchronized (this) {
        if (client == null) {
          client =
              config.context().isPresent()
                  ? new KubernetesClientBuilder()
                      .withConfig(Config.autoConfigure(config.context().get()))
                      .build()
                  : quarkusClient.get();
        }
      }
    }
    return client;
  }

  private static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() >= 400 && e.getCode() < 500) {
        String message =
            e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
        throw new KubernetesRejected(e.getCode(), message, e);
      }
      throw new KubernetesUnavailable(
          "The Kubernetes API server could not be reached: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
