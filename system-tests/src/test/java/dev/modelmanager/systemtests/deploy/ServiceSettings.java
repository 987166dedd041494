package dev.modelmanager.systemtests.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings Model Manager's code reads, in environment-variable form: keys of every
 * application.properties and microprofile-config.properties, keys of the {@code @ConfigMapping}
 * interfaces (one level of nested groups), and variables the code reads by name ({@code ${NAME...}}
 * in a default, {@code System.getenv("NAME")}).
 */
final class ServiceSettings {

  private static final Pattern PREFIX =
      Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
  private static final Pattern MEMBER =
      Pattern.compile("^( +)(?:@\\w+(?:\\([^)]*\\))?\\s+)*(\\w[\\w<>, ?.]*)\\s+(\\w+)\\(\\);");
  private static final Pattern NESTED = Pattern.compile("^  interface (\\w+)");
  private static final Pattern BY_NAME =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]|getenv\\(\"([A-Z][A-Z0-9_]*)\"\\)");

  private ServiceSettings() {}

  static Set<String> environmentNames() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Path file : mainSources()) {
      String text = Files.readString(file);
      if (file.toString().endsWith(".properties")) {
        text.lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
            .map(l -> l.substring(0, l.indexOf('=')).replace("\\\\", ""))
            .map(l -> l.replaceFirst("^%\\w+\\.", ""))
            .forEach(k -> names.add(envForm(k)));
      } else {
        Matcher prefix = PREFIX.matcher(text);
        if (prefix.find()) {
          mappingKeys(prefix.group(1), text.lines().toList()).forEach(k -> names.add(envForm(k)));
        }
      }
      Matcher byName = BY_NAME.matcher(text);
      while (byName.find()) {
        names.add(byName.group(1) != null ? byName.group(1) : byName.group(2));
      }
    }
    return names;
  }

  /** How SmallRye Config spells a key in the environment: mm.a[0].b-c becomes MM_A_0__B_C. */
  static String envForm(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
  }

  private static Set<String> mappingKeys(String prefix, List<String> lines) {
    Map<String, String> groupKeyOfInterface = new HashMap<>();
    Set<String> keys = new TreeSet<>();
    for (String line : lines) {
      Matcher m = MEMBER.matcher(line);
      if (m.find() && m.group(1).length() == 2) {
        String key = prefix + "." + kebab(m.group(3));
        keys.add(key);
        String type = m.group(2).replaceAll("^(List|Optional)<(.*)>$", "$2");
        groupKeyOfInterface.put(type, m.group(2).startsWith("List<") ? key + "[0]" : key);
      }
    }
    String group = null;
    for (String line : lines) {
      Matcher nested = NESTED.matcher(line);
      if (nested.find()) {
        group = groupKeyOfInterface.get(nested.group(1));
      } else if (line.startsWith("  }")) {
        group = null;
      }
      Matcher m = MEMBER.matcher(line);
      if (group != null && m.find() && m.group(1).length() == 4) {
        keys.add(group + "." + kebab(m.group(3)));
      }
    }
    return keys;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  private static List<Path> mainSources() throws IOException {
    try (Stream<Path> paths = Files.walk(RepoTree.root(), 16)) {
      return paths
          .filter(p -> p.toString().contains("/src/main/"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.mm/"))
          .filter(
              p ->
                  p.toString().endsWith(".java")
                      || p.getFileName().toString().equals("application.properties")
                      || p.getFileName().toString().equals("microprofile-config.properties"))
          .toList();
    }
  }
}
