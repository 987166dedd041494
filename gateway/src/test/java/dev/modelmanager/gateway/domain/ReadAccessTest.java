package dev.modelmanager.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.model.security.Caller;
import dev.modelmanager.model.security.Role;
import dev.modelmanager.model.security.Scopes;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadAccessTest {
  private static final String WEIGHTS = "dev.modelmanager.weights.install.succeeded";
  private static final String DEPLOY = "dev.modelmanager.deploy.revision.ready";
  private static final String GATEWAY = "dev.modelmanager.gateway.notification.test";

  @Test
  void anAreasEventsNeedItsReadScopeOrEventsRead() {
    Caller weightsOnly = token(Role.OPERATOR, Scopes.WEIGHTS_READ, Scopes.WEIGHTS_WRITE);
    assertThat(ReadAccess.mayReadEvent(weightsOnly, WEIGHTS)).isTrue();
    assertThat(ReadAccess.mayReadEvent(weightsOnly, DEPLOY)).isFalse();
    assertThat(ReadAccess.mayReadEvent(weightsOnly, GATEWAY)).isFalse();
    assertThat(ReadAccess.mayReadEvent(weightsOnly, "com.example.other")).isFalse();

    Caller events = token(Role.VIEWER, Scopes.EVENTS_READ);
    assertThat(ReadAccess.mayReadEvent(events, DEPLOY)).isTrue();
    assertThat(ReadAccess.mayReadEvent(events, GATEWAY)).isTrue();

    Caller nothing = token(Role.ADMIN, Scopes.TOKENS);
    assertThat(ReadAccess.mayReadEvent(nothing, WEIGHTS)).isFalse();
  }

  @Test
  void anOidcViewerReadsEveryEventButNoGatewaySettingChanges() {
    Caller viewer =
        new Caller("sub-1", "Vera", Role.VIEWER, Set.of(Scopes.ALL), Caller.AuthMethod.OIDC, null);
    assertThat(ReadAccess.mayReadEvent(viewer, DEPLOY)).isTrue();
    assertThat(ReadAccess.mayReadRequest(viewer, "/api/v1/deployments/q/activate")).isTrue();
    assertThat(ReadAccess.mayReadRequest(viewer, "/api/v1/notifications/channels")).isTrue();
    assertThat(ReadAccess.mayReadRequest(viewer, "/api/v1/tokens")).isFalse();

    Caller admin =
        new Caller("sub-2", "Ada", Role.ADMIN, Set.of(Scopes.ALL), Caller.AuthMethod.OIDC, null);
    assertThat(ReadAccess.mayReadRequest(admin, "/api/v1/tokens")).isTrue();
  }

  @Test
  void requestsFollowTheirRoutesArea() {
    Caller catalog = token(Role.VIEWER, Scopes.CATALOG_READ);
    assertThat(ReadAccess.mayReadRequest(catalog, "/api/v1/catalog/pull-requests")).isTrue();
    assertThat(ReadAccess.mayReadRequest(catalog, "/api/v1/weights/installs")).isFalse();
    assertThat(ReadAccess.areaOfPath("/api/v1/models/a/b/details")).isEqualTo("discovery");
    assertThat(ReadAccess.areaOfType("dev.modelmanager.catalog.pr.merged")).contains("catalog");
    assertThat(ReadAccess.areaOfType("io.other.thing")).isEmpty();
  }

  private static Caller token(Role role, String... scopes) {
    return new Caller("t", "t", role, Set.of(scopes), Caller.AuthMethod.API_TOKEN, "tok_x");
  }
}
