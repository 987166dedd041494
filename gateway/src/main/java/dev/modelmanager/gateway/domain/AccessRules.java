package dev.modelmanager.gateway.domain;

import dev.modelmanager.model.security.Role;
import dev.modelmanager.model.security.Scopes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one table of who may call what: (method, route template) → required role and token scope.
 * Read from {@code security/access-rules.txt}; a request no rule matches is denied. Templates are
 * the OpenAPI paths ({@code /api/v1/weights/installs/{id}}): a {@code {param}} matches one path
 * segment, a trailing {@code /**} any rest. When several rules match, the one with the most literal
 * characters wins, so {@code /weights/locations} beats {@code /weights/{id}}.
 */
public final class AccessRules {
  /** Where the table lives on the classpath. */
  public static final String RESOURCE = "security/access-rules.txt";

  private final List<Rule> rules;

  /** Each rule's template up to its first parameter: a path it matches starts with it. */
  private final String[] prefixes;

  public AccessRules(List<Rule> rules) {
    this.rules =
        rules.stream().sorted(Comparator.comparingInt(Rule::literalLength).reversed()).toList();
    this.prefixes = this.rules.stream().map(Rule::literalPrefix).toArray(String[]::new);
  }

  /** The table shipped with the gateway. */
  public static AccessRules load() {
    try (InputStream in = AccessRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the gateway");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses lines of {@code METHOD TEMPLATE ROLE SCOPE}: ROLE is {@code public}, {@code viewer},
   * {@code operator} or {@code admin}; SCOPE is a scope name, or {@code -} for a route any
   * authenticated caller with the role may use whatever their token's scopes (and for public
   * routes). Blank lines and {@code #} comments are skipped.
   */
  public static AccessRules parse(InputStream in) throws IOException {
    List<Rule> rules = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] f = text.split("\\s+");
      if (f.length != 4) {
        throw new IllegalArgumentException(
            RESOURCE + ":" + number + ": expected METHOD TEMPLATE ROLE SCOPE");
      }
      rules.add(Rule.of(f[0], f[1], f[2], f[3], number));
    }
    return new AccessRules(rules);
  }

  /** The rule for a request, or empty: denied. */
  public Optional<Rule> find(String method, String path) {
    String m = method.toUpperCase(Locale.ROOT);
    for (int i = 0; i < prefixes.length; i++) {
      Rule rule = rules.get(i);
      // The prefix check is what rules most rules out, without a regular expression.
      if (path.startsWith(prefixes[i]) && rule.method().equals(m) && rule.matches(path)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** The methods some rule allows on {@code path}, sorted. */
  public List<String> methodsFor(String path) {
    return rules.stream()
        .filter(r -> r.matches(path))
        .map(Rule::method)
        .distinct()
        .sorted()
        .toList();
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * One row of the table.
   *
   * @param role the required role, or null for a public route
   * @param scope the token scope it needs, or null when none is needed
   * @param line where it is written in the table
   * @param pattern what the template matches
   */
  public record Rule(
      String method, String template, Role role, String scope, int line, Pattern pattern) {

    static Rule of(String method, String template, String role, String scope, int line) {
      if (!template.startsWith("/")) {
        throw new IllegalArgumentException("line " + line + ": a template starts with /");
      }
      if ("public".equals(role)) {
        if (!"-".equals(scope)) {
          throw new IllegalArgumentException("line " + line + ": a public route has scope -");
        }
        return new Rule(
            method.toUpperCase(Locale.ROOT), template, null, null, line, compile(template));
      }
      Role r =
          Role.of(role)
              .orElseThrow(
                  () -> new IllegalArgumentException("line " + line + ": unknown role " + role));
      if ("-".equals(scope)) {
        return new Rule(
            method.toUpperCase(Locale.ROOT), template, r, null, line, compile(template));
      }
      if (!Scopes.KNOWN.contains(scope) || Scopes.ALL.equals(scope)) {
        throw new IllegalArgumentException("line " + line + ": unknown scope " + scope);
      }
      return new Rule(method.toUpperCase(Locale.ROOT), template, r, scope, line, compile(template));
    }

    public boolean isPublic() {
      return role == null;
    }

    boolean matches(String path) {
      return pattern.matcher(path).matches();
    }

    private static Pattern compile(String template) {
      StringBuilder regex = new StringBuilder();
      String t = template;
      boolean rest = t.endsWith("/**");
      if (rest) {
        t = t.substring(0, t.length() - 3);
      }
      for (String segment : t.split("/", -1)) {
        if (segment.isEmpty()) {
          continue;
        }
        regex.append('/');
        if (segment.startsWith("{") && segment.endsWith("}")) {
          regex.append("[^/]+");
        } else {
          regex.append(Pattern.quote(segment));
        }
      }
      if (rest) {
        regex.append("(/.*)?");
      }
      if (regex.isEmpty()) {
        regex.append('/');
      }
      return Pattern.compile(regex.toString());
    }

    String literalPrefix() {
      String t = template.endsWith("/**") ? template.substring(0, template.length() - 3) : template;
      int parameter = t.indexOf('{');
      return parameter < 0 ? t : t.substring(0, parameter);
    }

    int literalLength() {
      return template.replaceAll("\\{[^}]*}", "").replace("/**", "").length();
    }
  }
}
