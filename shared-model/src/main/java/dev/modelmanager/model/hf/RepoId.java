package dev.modelmanager.model.hf;

import java.util.regex.Pattern;

/** A Hugging Face repository id {@code org/name}, validated before it reaches a URL or a path. */
public record RepoId(String org, String name) {
  // The Hub's own rules: letters, digits, '-', '_', '.'; no leading '.', no '..', at most 96 chars.
  private static final Pattern PART =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_-])?");

  public RepoId {
    if (!valid(org) || !valid(name)) {
      throw new IllegalArgumentException("not a Hugging Face repo id: " + org + "/" + name);
    }
  }

  /** Parses {@code org/name}; throws IllegalArgumentException with the reason otherwise. */
  public static RepoId parse(String id) {
    if (id == null) {
      throw new IllegalArgumentException("repo id is required");
    }
    int slash = id.indexOf('/');
    if (slash <= 0 || slash != id.lastIndexOf('/')) {
      throw new IllegalArgumentException("repo id must be org/name: " + id);
    }
    return new RepoId(id.substring(0, slash), id.substring(slash + 1));
  }

  public static boolean isValid(String id) {
    try {
      parse(id);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean valid(String part) {
    return part != null && PART.matcher(part).matches() && !part.contains("..");
  }

  @Override
  public String toString() {
    return org + "/" + name;
  }
}
