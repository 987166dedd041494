package dev.modelmanager.kit.info;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hides secrets in configuration before it is shown: values of secret-looking keys, credentials
 * inside URLs/DSNs, and secret query parameters.
 */
public final class SecretRedactor {
  public static final String REDACTED = "***";

  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(password|passwd|secret|token|credential|api[-_.]?key|private[-_.]?key|"
              + "sasl\\.jaas|client[-_.]?secret|auth[-_.]?header).*");
  // scheme://user:pass@host or scheme://user@host (the user part can itself be a token).
  private static final Pattern URL_USERINFO =
      Pattern.compile("(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?<userinfo>[^@/\\s]+)@");
  private static final Pattern SECRET_PARAM =
      Pattern.compile(
          "(?i)(?<name>password|passwd|pwd|secret|token|access_token|api_key|apikey|key|sig|signature)=(?<value>[^&;\\s]*)");

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

  public static boolean isSecretKey(String key) {
    return key != null && SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }

  /** Strips credentials from URLs and secret query parameters inside a free-form value. */
  public static String redactValue(String value) {
    String out = URL_USERINFO.matcher(value).replaceAll("${scheme}" + REDACTED + "@");
    return SECRET_PARAM.matcher(out).replaceAll("${name}=" + REDACTED);
  }
}
