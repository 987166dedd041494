package dev.modelmanager.catalog.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The commit author from the {@code X-MM-User} header the gateway sets for an authenticated caller:
 * {@code Name <email>} or a login. Anything else (or none) leaves the bot identity.
 */
final class Authors {
  static final String HEADER = "X-MM-User";
  private static final Pattern NAME_EMAIL =
      Pattern.compile(
          "([\\p{L}\\p{N} ._'-]{1,80}) <([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190})>");
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Authors() {}

  static PersonIdent of(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = NAME_EMAIL.matcher(header.trim());
    if (m.matches()) {
      return new PersonIdent(m.group(1).trim(), m.group(2));
    }
    if (LOGIN.matcher(header.trim()).matches()) {
      return new PersonIdent(header.trim(), header.trim() + "@users.modelmanager.local");
    }
    return null;
  }
}
