package dev.modelmanager.kit.info;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hides secrets in configuration before it is shown, by the structure of the key and of the value:
 *
 * <ul>
 *   <li>a key whose last word is a secret kind ({@code …secret}, {@code …key}, {@code …token},
 *       {@code …authorization}, {@code …webhook}, {@code pass…}, {@code …credential(s)}, a JAAS
 *       config) is shown as {@code ***} whole — a webhook URL carries its secret in the path;
 *   <li>in any value, URL userinfo ({@code scheme://user:pass@host}, the password may itself
 *       contain {@code @}) and secret query or key=value parameters are replaced.
 * </ul>
 *
 * Keys ending in {@code url}/{@code uri} keep their host and path (operators need to see where a
 * service points) and lose their credentials by the value rules.
 */
public final class SecretRedactor {
  public static final String REDACTED = "***";

  // The key's last word, after '.', '-', '_' or a camelCase boundary, decides.
  private static final Pattern SECRET_LAST_WORD =
      Pattern.compile(
          "(?i).*(secret|key|token|authorization|webhook|credentials?|pass[a-z]*|pwd"
              + "|signature)$");
  // Secret words anywhere in the key (e.g. mm.github.token.file is still a token).
  private static final Pattern SECRET_ANYWHERE =
      Pattern.compile(
          "(?i).*(password|passwd|passphrase|secret|token|credential|api[-_.]?key|private[-_.]?key"
              + "|sasl\\.jaas|auth[-_.]?header|webhook).*");
  // scheme://userinfo@ where userinfo runs to the LAST '@' before the path, query or fragment,
  // so a password containing '@' is hidden whole.
  private static final Pattern URL_USERINFO =
      Pattern.compile("(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?<userinfo>[^\\s/?#]*)@");
  private static final Pattern SECRET_PARAM =
      Pattern.compile(
          "(?i)(?<name>[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|api_?key|apikey|key|sig"
              + "|signature|credential|auth))=(?<value>\"[^\"]*\"|'[^']*'|[^&;,\\s]*)");

  private SecretRedactor() {}

  /** The value to show for {@code key}: redacted whole, partly, or as it is. */
  public static String redact(String key, String value) {
    if (value == null) {
      return null;
    }
    if (isSecretKey(key)) {
      return value.isEmpty() ? "" : REDACTED;
    }
    return redactValue(value);
  }

  /** True when a value under {@code key} is a secret as a whole. */
  public static boolean isSecretKey(String key) {
    if (key == null) {
      return false;
    }
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_LAST_WORD.matcher(lastWord(key)).matches()
        || SECRET_ANYWHERE.matcher(lower).matches();
  }

  /** Strips credentials from URLs and secret parameters inside a free-form value. */
  public static String redactValue(String value) {
    if (value == null) {
      return null;
    }
    String out = URL_USERINFO.matcher(value).replaceAll("${scheme}" + REDACTED + "@");
    return SECRET_PARAM.matcher(out).replaceAll("${name}=" + REDACTED);
  }

  private static String lastWord(String key) {
    // "mm.notify.slackWebhook" -> "webhook", "MM_HF_TOKEN" -> "token", "x.api-key" -> "key".
    String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    String[] words = spaced.split("[.\\-_ \\[\\]]+");
    return words.length == 0 ? "" : words[words.length - 1];
  }
}
