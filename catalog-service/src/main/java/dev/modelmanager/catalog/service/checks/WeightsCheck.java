package dev.modelmanager.catalog.service.checks;

import dev.modelmanager.catalog.client.Lookup;
import dev.modelmanager.catalog.client.WeightsClient;
import dev.modelmanager.catalog.domain.CheckResult;
import dev.modelmanager.model.catalog.ModelEntry;
import dev.modelmanager.model.weights.StagedSnapshot;
import dev.modelmanager.model.weights.StorageLocation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code weights}: the pinned commit is staged and verified in the named location, else a warning
 * with the install that would stage it.
 */
@ApplicationScoped
public class WeightsCheck implements EntryCheck {
  static final String NAME = "weights";
  private final WeightsClient weights;

  WeightsCheck(WeightsClient weights) {
    this.weights = weights;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<List<CheckResult>> run(CheckSubject subject) {
    if (!subject.usable() || subject.entry().weights() == null) {
      return notRunnable();
    }
    ModelEntry e = subject.entry();
    String location = e.weights().location();
    if (location == null) {
      return Uni.createFrom()
          .item(
              List.of(
                  CheckResult.pass(
                      NAME,
                      "vLLM downloads "
                          + e.hfModelId()
                          + " from Hugging Face at start; set weights.location to stage it once")));
    }
    return weights
        .locations()
        .chain(
            locations -> {
              if (locations.isUnavailable()) {
                return Uni.createFrom().item(CheckResult.couldNotCheck(NAME, locations.detail()));
              }
              List<String> names = locations.value().stream().map(StorageLocation::name).toList();
              if (!names.contains(location)) {
                return Uni.createFrom()
                    .item(
                        CheckResult.fail(
                            NAME,
                            "weights-service has no location '"
                                + location
                                + "' (it has "
                                + names
                                + ")",
                            "/weights/location"));
              }
              return weights.snapshots(subject.repo(), location).map(s -> staged(e, location, s));
            })
        .map(List::of);
  }

  private static CheckResult staged(
      ModelEntry e, String location, Lookup<List<StagedSnapshot>> snapshots) {
    if (snapshots.isUnavailable()) {
      return CheckResult.couldNotCheck(NAME, snapshots.detail());
    }
    boolean ready =
        snapshots.value().stream()
            .anyMatch(
                s ->
                    e.revision().equals(s.commit())
                        && s.verified()
                        && "READY".equalsIgnoreCase(s.status()));
    if (ready) {
      return CheckResult.pass(NAME, e.revision() + " is staged and verified in " + location);
    }
    return CheckResult.warn(
        NAME,
        e.revision()
            + " is not staged in "
            + location
            + "; stage it with POST /api/v1/weights/installs {\"repo\":\""
            + e.hfModelId()
            + "\",\"revision\":\""
            + e.revision()
            + "\",\"location\":\""
            + location
            + "\",\"pin\":true}");
  }
}
