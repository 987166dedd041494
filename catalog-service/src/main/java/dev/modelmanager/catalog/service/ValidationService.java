package dev.modelmanager.catalog.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.catalog.client.DiscoveryClient;
import dev.modelmanager.catalog.client.HubModels;
import dev.modelmanager.catalog.client.Lookup;
import dev.modelmanager.catalog.domain.CheckResult;
import dev.modelmanager.catalog.domain.ValidationReport;
import dev.modelmanager.catalog.service.checks.ArgsCheck;
import dev.modelmanager.catalog.service.checks.CheckSubject;
import dev.modelmanager.catalog.service.checks.EntryCheck;
import dev.modelmanager.catalog.service.checks.FitCheck;
import dev.modelmanager.catalog.service.checks.HuggingFaceCheck;
import dev.modelmanager.catalog.service.checks.PolicyCheck;
import dev.modelmanager.catalog.service.checks.SchemaCheck;
import dev.modelmanager.catalog.service.checks.VllmCheck;
import dev.modelmanager.catalog.service.checks.WeightsCheck;
import dev.modelmanager.model.catalog.ModelEntry;
import dev.modelmanager.model.discovery.ModelSummary;
import dev.modelmanager.model.hf.RepoId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Validate: every check over one entry, in a fixed order (schema, huggingface, vllm, fit, weights,
 * args, policy). Checks run concurrently and share one Hub and one discovery lookup.
 */
@ApplicationScoped
public class ValidationService {
  private final List<EntryCheck> checks;
  private final HubModels hub;
  private final DiscoveryClient discovery;
  private final ObjectMapper mapper;
  private final CatalogMetrics metrics;

  @SuppressWarnings("java:S107") // one parameter per check keeps the order visible
  ValidationService(
      SchemaCheck schema,
      HuggingFaceCheck huggingface,
      VllmCheck vllm,
      FitCheck fit,
      WeightsCheck weights,
      ArgsCheck args,
      PolicyCheck policy,
      HubModels hub,
      DiscoveryClient discovery,
      ObjectMapper mapper,
      CatalogMetrics metrics) {
    this.checks = List.of(schema, huggingface, vllm, fit, weights, args, policy);
    this.hub = hub;
    this.discovery = discovery;
    this.mapper = mapper;
    this.metrics = metrics;
  }

  public Uni<ValidationReport> validate(JsonNode document) {
    CheckSubject subject = subject(document);
    List<Uni<List<CheckResult>>> runs = new ArrayList<>();
    checks.forEach(c -> runs.add(c.run(subject)));
    return Uni.join()
        .all(runs)
        .andFailFast()
        .map(
            lists -> {
              List<CheckResult> all = new ArrayList<>();
              lists.forEach(all::addAll);
              ValidationReport report = ValidationReport.of(all);
              report.failedChecks().forEach(metrics::validationFailed);
              return report;
            });
  }

  private CheckSubject subject(JsonNode document) {
    ModelEntry entry = bind(document);
    if (entry == null
        || entry.hfModelId() == null
        || !RepoId.isValid(entry.hfModelId())
        || entry.revision() == null) {
      Uni<HubModels.HubModel> noHub = Uni.createFrom().nullItem();
      Uni<Lookup<ModelSummary>> noDetails = Uni.createFrom().nullItem();
      return new CheckSubject(document, entry, noHub, noDetails);
    }
    RepoId repo = RepoId.parse(entry.hfModelId());
    return new CheckSubject(
        document,
        entry,
        hub.lookup(repo, entry.revision()).memoize().indefinitely(),
        discovery.details(repo, entry.revision()).memoize().indefinitely());
  }

  /** The typed entry, or null when the document does not bind (the schema check reports why). */
  private ModelEntry bind(JsonNode document) {
    try {
      return document != null && document.isObject()
          ? mapper.treeToValue(document, ModelEntry.class)
          : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }
}
