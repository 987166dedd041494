package dev.modelmanager.kit.hf;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code rel="next"} target of an RFC 8288 Link header, as the Hub paginates. */
public final class LinkHeader {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");

  private LinkHeader() {}

  /** The absolute next URL, resolved against the URL of the page, or null. */
  public static String next(String header, String pageUrl) {
    if (header == null) {
      return null;
    }
    Matcher m = NEXT.matcher(header);
    return m.find() ? URI.create(pageUrl).resolve(m.group(1)).toString() : null;
  }
}
