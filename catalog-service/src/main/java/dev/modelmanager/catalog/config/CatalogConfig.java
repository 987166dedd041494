package dev.modelmanager.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the approved catalog lives in git. */
@ConfigMapping(prefix = "mm.catalog")
public interface CatalogConfig {
  /** Clone URL of the catalog repository (https, ssh, file://, or a local path). */
  String repoUrl();

  /** Branch that holds the approved entries. */
  @WithDefault("main")
  String branch();

  /** Working copy of the catalog repository owned by this replica. */
  @WithDefault(".mm/data/catalog-checkout")
  String checkoutDir();

  /** Folder inside the repository that holds one entry file per model. */
  @WithDefault("models")
  String entriesPath();

  /** Creates an empty local repository at repoUrl when it is a missing local path (development). */
  @WithDefault("false")
  boolean initIfMissing();
}
