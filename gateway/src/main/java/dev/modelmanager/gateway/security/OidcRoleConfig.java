package dev.modelmanager.gateway.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** Where an OIDC token's roles are and what they mean to Model Manager. */
@ConfigMapping(prefix = "mm.auth")
public interface OidcRoleConfig {

  /** {@code /}-separated claim paths whose values are read, e.g. {@code realm_access/roles}. */
  @WithDefault("realm_access/roles")
  List<String> roleClaimPath();

  /**
   * {@code mm.auth.role-mapping."<claim value>"=viewer|operator|admin}; empty: the role names stand
   * for themselves.
   */
  Map<String, String> roleMapping();
}
