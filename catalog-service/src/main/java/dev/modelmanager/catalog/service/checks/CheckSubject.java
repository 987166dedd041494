package dev.modelmanager.catalog.service.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.catalog.client.HubModels.HubModel;
import dev.modelmanager.catalog.client.Lookup;
import dev.modelmanager.model.catalog.ModelEntry;
import dev.modelmanager.model.discovery.ModelSummary;
import dev.modelmanager.model.hf.RepoId;
import io.smallrye.mutiny.Uni;

/**
 * The entry under validation, with lookups several checks share (each asked once per validation).
 *
 * @param entry the typed entry, or null when the document does not bind (the schema check says why)
 * @param hub the Hub's view of the model at the pinned revision
 * @param details discovery's details of the model at the pinned revision
 */
public record CheckSubject(
    JsonNode document, ModelEntry entry, Uni<HubModel> hub, Uni<Lookup<ModelSummary>> details) {

  public RepoId repo() {
    return RepoId.parse(entry.hfModelId());
  }

  /** Whether the typed checks can run: the entry bound and names a model and a commit. */
  public boolean usable() {
    return entry != null
        && entry.hfModelId() != null
        && RepoId.isValid(entry.hfModelId())
        && entry.revision() != null
        && entry.revision().matches("[0-9a-f]{40}");
  }
}
