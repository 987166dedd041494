package dev.modelmanager.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmanager.model.security.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

  private static AccessRules parse(String text) throws Exception {
    return AccessRules.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theMostLiteralTemplateWinsOverAParameter() throws Exception {
    AccessRules rules =
        parse(
            """
            GET /api/v1/weights/{id}        viewer   weights:read
            GET /api/v1/weights/locations   admin    admin
            """);
    assertThat(rules.find("GET", "/api/v1/weights/locations").orElseThrow().role())
        .isEqualTo(Role.ADMIN);
    assertThat(rules.find("get", "/api/v1/weights/abc").orElseThrow().role())
        .isEqualTo(Role.VIEWER);
  }

  @Test
  void aParameterMatchesExactlyOneSegmentAndMethodsMustMatch() throws Exception {
    AccessRules rules = parse("GET /api/v1/weights/{id} viewer weights:read\n");
    assertThat(rules.find("GET", "/api/v1/weights/a/b")).isEmpty();
    assertThat(rules.find("GET", "/api/v1/weights/")).isEmpty();
    assertThat(rules.find("DELETE", "/api/v1/weights/a")).isEmpty();
    assertThat(rules.methodsFor("/api/v1/weights/a")).containsExactly("GET");
  }

  @Test
  void publicAndScopeFreeRules() throws Exception {
    AccessRules rules =
        parse(
            """
            # comment
            POST /hooks public -
            GET  /api/v1/me viewer -
            """);
    assertThat(rules.find("POST", "/hooks").orElseThrow().isPublic()).isTrue();
    AccessRules.Rule me = rules.find("GET", "/api/v1/me").orElseThrow();
    assertThat(me.isPublic()).isFalse();
    assertThat(me.scope()).isNull();
  }

  @Test
  void mistakesInTheTableFailLoudly() {
    assertThatThrownBy(() -> parse("GET /x superuser admin\n"))
        .hasMessageContaining("unknown role");
    assertThatThrownBy(() -> parse("GET /x viewer weights:everything\n"))
        .hasMessageContaining("unknown scope");
    assertThatThrownBy(() -> parse("GET /x viewer\n")).hasMessageContaining("expected");
    assertThatThrownBy(() -> parse("GET /x public weights:read\n")).hasMessageContaining("scope -");
  }

  @Test
  void theShippedTableLoadsAndHasOneLinePerOperation() {
    AccessRules rules = AccessRules.load();
    Set<String> seen = new HashSet<>();
    for (AccessRules.Rule r : rules.rules()) {
      assertThat(seen.add(r.method() + " " + r.template()))
          .as("line %d repeats %s %s", r.line(), r.method(), r.template())
          .isTrue();
    }
    // Spot checks of the role model.
    assertThat(rules.find("POST", "/api/v1/weights/installs").orElseThrow().role())
        .isEqualTo(Role.OPERATOR);
    assertThat(rules.find("POST", "/api/v1/weights/purge").orElseThrow().role())
        .isEqualTo(Role.ADMIN);
    assertThat(rules.find("GET", "/api/v1/weights/installs").orElseThrow().role())
        .isEqualTo(Role.VIEWER);
    assertThat(rules.find("POST", "/api/v1/catalog/webhooks/github").orElseThrow().isPublic())
        .isTrue();
    // The install's dry run changes nothing: a viewer with weights:read may plan.
    AccessRules.Rule plan = rules.find("POST", "/api/v1/weights/installs/plan").orElseThrow();
    assertThat(plan.role()).isEqualTo(Role.VIEWER);
    assertThat(plan.scope()).isEqualTo("weights:read");
    for (String path :
        List.of("/api/v1/models/Qwen/Qwen2.5-0.5B/refs", "/api/v1/models/a/b/commits")) {
      AccessRules.Rule revisions = rules.find("GET", path).orElseThrow();
      assertThat(revisions.role()).isEqualTo(Role.VIEWER);
      assertThat(revisions.scope()).isEqualTo("discovery:read");
    }
  }
}
