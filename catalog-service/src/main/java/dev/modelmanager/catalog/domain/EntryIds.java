package dev.modelmanager.catalog.domain;

import java.util.regex.Pattern;

/** Entry ids: DNS-1123 labels, also file names; anything else never reaches the file system. */
public final class EntryIds {
  public static final String REGEX = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
  public static final Pattern ID = Pattern.compile(REGEX);

  private EntryIds() {}

  public static boolean isSafe(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The entry's file in the catalog repository. */
  public static String path(String entriesFolder, String id) {
    if (!isSafe(id)) {
      throw new IllegalArgumentException("not an entry id");
    }
    return entriesFolder + "/" + id + ".json";
  }

  /** A slug for a Hugging Face repo name: lower case, other characters as '-'. */
  public static String slug(String hfName) {
    String s = hfName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    s = s.replaceAll("^-+|-+$", "");
    if (s.length() > 63) {
      s = s.substring(0, 63).replaceAll("-+$", "");
    }
    return s.isEmpty() ? "model" : s;
  }
}
