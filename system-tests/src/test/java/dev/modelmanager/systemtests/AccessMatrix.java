package dev.modelmanager.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.gateway.domain.AccessRules;
import dev.modelmanager.model.security.Role;
import dev.modelmanager.model.security.Scopes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The access table checked against the merged OpenAPI document of the running suite: which
 * operations have no rule, and for each operation and kind of caller whether the gateway must let
 * the request through or refuse it (401 or 403).
 */
final class AccessMatrix {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  /** An operation of the merged document: method and path template. */
  record Operation(String method, String template) {
    /** The template with every parameter filled with a harmless value. */
    String samplePath() {
      return template.replaceAll("\\{[^}]+}", "x1");
    }
  }

  /** A kind of caller. {@code role} null: none or a credential that does not work. */
  record CallerKind(String name, Role role, Set<String> scopes, boolean credentialWorks) {
    static CallerKind anonymous() {
      return new CallerKind("no token", null, Set.of(), false);
    }

    static CallerKind broken(String name) {
      return new CallerKind(name, null, Set.of(), false);
    }

    static CallerKind token(String name, Role role, Set<String> scopes) {
      return new CallerKind(name, role, scopes, true);
    }
  }

  private AccessMatrix() {}

  static List<Operation> operations(JsonNode openApi) {
    List<Operation> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<String> methods = path.getValue().fieldNames();
      while (methods.hasNext()) {
        String m = methods.next();
        if (METHODS.contains(m)) {
          out.add(new Operation(m.toUpperCase(Locale.ROOT), path.getKey()));
        }
      }
    }
    return out;
  }

  /** The rule written for exactly this operation, if any. */
  static AccessRules.Rule ruleOf(AccessRules rules, Operation op) {
    return rules.rules().stream()
        .filter(r -> r.method().equals(op.method()) && r.template().equals(op.template()))
        .findFirst()
        .orElse(null);
  }

  /** The status class the gateway must answer: 401, 403, or 0 for "let through". */
  static int expected(AccessRules.Rule rule, CallerKind caller) {
    if (rule.isPublic()) {
      // A credential that does not work is refused even where none is needed.
      return caller.credentialWorks() || caller.name().equals("no token") ? 0 : 401;
    }
    if (!caller.credentialWorks()) {
      return 401;
    }
    boolean scopeOk = rule.scope() == null || Scopes.grants(caller.scopes(), rule.scope());
    return caller.role().atLeast(rule.role()) && scopeOk ? 0 : 403;
  }
}
