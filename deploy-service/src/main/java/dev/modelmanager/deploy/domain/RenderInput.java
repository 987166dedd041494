package dev.modelmanager.deploy.domain;

import dev.modelmanager.model.catalog.ApprovedEntry;

/**
 * Everything a manifest is rendered from.
 *
 * @param deployment the InferenceService name (DNS-1123 label)
 * @param namespace where it runs
 * @param revision the revision number the manifest will carry
 * @param approved the catalog entry with the catalog commit it was read at
 * @param weightsClaim the PVC of the entry's weights location (null when weights come from the Hub)
 * @param strategy the rollout strategy
 */
public record RenderInput(
    String deployment,
    String namespace,
    int revision,
    ApprovedEntry approved,
    String weightsClaim,
    RolloutStrategy strategy) {}
