package dev.modelmanager.deploy.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.deploy.domain.ManifestText;
import dev.modelmanager.deploy.service.Check;
import dev.modelmanager.deploy.service.DryRunService;
import java.util.List;

/**
 * A dry-run's answer.
 *
 * @param ready true when no check failed (checks that could not be made do not count)
 */
public record DryRunView(
    JsonNode manifest, String manifestYaml, DiffView diff, List<Check> checks, boolean ready) {

  static DryRunView of(DryRunService.DryRun d) {
    return new DryRunView(
        d.manifest(),
        ManifestText.yaml(d.manifest()),
        new DiffView(d.diff().patch(), d.diff().unified()),
        d.checks(),
        d.ready());
  }
}
