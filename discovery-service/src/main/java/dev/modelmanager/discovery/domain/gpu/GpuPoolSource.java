package dev.modelmanager.discovery.domain.gpu;

import java.util.Locale;

/** Where a GPU pool's numbers come from. */
public enum GpuPoolSource {
  /** Node labels, allocatable and pod requests read from the Kubernetes API. */
  KUBERNETES,
  /** Reports posted by the node agent (the DaemonSet feed). */
  AGENT,
  /**
   * A GPU catalog profile named in configuration: hardware one could plan for, not hardware seen.
   */
  STATIC;

  /** The lower-case name the API and pool names use. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
