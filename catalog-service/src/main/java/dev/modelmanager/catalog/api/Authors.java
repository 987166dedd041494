package dev.modelmanager.catalog.api;

import dev.modelmanager.kit.security.CurrentActor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The commit author from the caller the gateway vouched for (the verified internal token's name and
 * subject): {@code Name <email>} when the name has that form or the subject is an email, otherwise
 * the name with a {@code users.modelmanager.local} address made from the subject. Without a token
 * (tests only) the bot identity stays.
 */
final class Authors {
  private static final Pattern NAME_EMAIL =
      Pattern.compile(
          "([\\p{L}\\p{N} ._'-]{1,80}) <([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190})>");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}");
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._'@-]{1,80}");

  private Authors() {}

  static PersonIdent of(CurrentActor actor) {
    if (!actor.authenticated()) {
      return null;
    }
    return of(actor.name(), actor.subject());
  }

  static PersonIdent of(String name, String subject) {
    String n = name == null ? "" : name.trim();
    Matcher m = NAME_EMAIL.matcher(n);
    if (m.matches()) {
      return new PersonIdent(m.group(1).trim(), m.group(2));
    }
    String display = NAME.matcher(n).matches() ? n : subject;
    if (EMAIL.matcher(subject).matches()) {
      return new PersonIdent(display, subject);
    }
    String local = subject.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    local = local.length() > 64 ? local.substring(0, 64) : local;
    return new PersonIdent(display, local + "@users.modelmanager.local");
  }
}
