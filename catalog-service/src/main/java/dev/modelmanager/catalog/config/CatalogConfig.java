package dev.modelmanager.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where the approved catalog lives in git, how changes reach it, and what it allows. */
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

  /** Token for pushing over HTTPS and for the GitHub API ({@code MM_CATALOG_GIT_TOKEN}). */
  Optional<String> gitToken();

  /** User name sent with the token over HTTPS; GitHub accepts x-access-token. */
  @WithDefault("x-access-token")
  String gitUsername();

  /** GitHub (or Gitea/Forgejo/GHE) REST API base ({@code MM_CATALOG_GITHUB_API_URL}). */
  @WithDefault("https://api.github.com")
  String githubApiUrl();

  /**
   * The catalog repository on the git host, {@code owner/name} ({@code MM_CATALOG_GITHUB_REPO}).
   */
  Optional<String> githubRepo();

  /** HMAC secret of the GitHub webhook ({@code MM_CATALOG_WEBHOOK_SECRET}). */
  Optional<String> webhookSecret();

  /** Who commits when the request names no user. */
  Bot bot();

  Policy policy();

  Watch watch();

  PullRequests pullRequests();

  Generate generate();

  /** The commit identity of the catalog bot. */
  interface Bot {
    @WithDefault("model-manager")
    String name();

    @WithDefault("model-manager@localhost")
    String email();
  }

  /** The policy gate: a violation is a failing {@code policy} check naming the rule. */
  interface Policy {
    /** SPDX ids and Hugging Face license tags, compared ignoring case. */
    @WithDefault(
        "apache-2.0,mit,bsd-2-clause,bsd-3-clause,cc-by-4.0,cc-by-sa-4.0,openrail,openrail++,"
            + "bigscience-openrail-m,creativeml-openrail-m,llama2,llama3,llama3.1,llama3.2,"
            + "llama3.3,gemma,qwen,deepseek,mpl-2.0,unlicense,cc0-1.0")
    Set<String> allowedLicenses();

    @WithDefault("true")
    boolean allowGated();

    /** Hugging Face orgs allowed; empty allows every org. */
    Optional<List<String>> allowedOrgs();
  }

  /** The catalog bot that proposes updates when a model moves. */
  interface Watch {
    @WithDefault("true")
    boolean enabled();

    @WithDefault("6h")
    Duration interval();

    /** The Hugging Face branch whose new commits the bot proposes. */
    @WithDefault("main")
    String trackedBranch();
  }

  /** Polling of open pull requests, the fallback when webhooks do not arrive. */
  interface PullRequests {
    @WithDefault("5m")
    Duration pollInterval();

    /** Labels put on every pull request the service opens. */
    @WithDefault("catalog")
    List<String> labels();
  }

  /** Defaults of generated entries. */
  interface Generate {
    /** The ServingRuntime a generated entry names. */
    @WithDefault("kserve-vllmserver")
    String runtime();

    @WithDefault("0.9")
    double gpuMemoryUtilization();
  }
}
