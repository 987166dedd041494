package dev.modelmanager.deploy.client;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * How a manifest reaches the API server. Production uses server-side apply; an interface so tests
 * and API servers without server-side apply (fabric8's mock, the demo cluster) can use another.
 */
public interface ManifestApplier {
  /** The field manager every apply is made as. */
  String FIELD_MANAGER = "model-manager";

  /**
   * Applies {@code manifest} in {@code resources} (the namespaced InferenceService endpoint); with
   * {@code dryRun} the API server validates and answers without persisting ({@code dryRun=All}).
   */
  GenericKubernetesResource apply(
      NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>>
          resources,
      GenericKubernetesResource manifest,
      boolean dryRun);

  /** Server-side apply as field manager {@code model-manager}, taking over conflicting fields. */
  final class ServerSide implements ManifestApplier {
    @Override
    public GenericKubernetesResource apply(
        NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>>
            resources,
        GenericKubernetesResource manifest,
        boolean dryRun) {
      return resources
          .resource(manifest)
          .dryRun(dryRun)
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
    }
  }

  /** Create, or replace what exists: for API servers without server-side apply. */
  final class CreateOrReplace implements ManifestApplier {
    @Override
    public GenericKubernetesResource apply(
        NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>>
            resources,
        GenericKubernetesResource manifest,
        boolean dryRun) {
      if (dryRun) {
        // Such API servers may not honour dryRun either: never send a write that could persist.
        return manifest;
      }
      GenericKubernetesResource live = resources.withName(manifest.getMetadata().getName()).get();
      if (live == null) {
        return resources.resource(manifest).create();
      }
      manifest.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
      // Keep what the controller wrote: replace swaps the spec, the status stays the server's.
      manifest.setAdditionalProperty("status", live.getAdditionalProperties().get("status"));
      return resources.resource(manifest).update();
    }
  }
}
