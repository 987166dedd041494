package dev.modelmanager.gateway.notify.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a channel sends to. */
public enum ChannelType {
  /** A Slack incoming-webhook URL; Block Kit messages. */
  SLACK,
  /** Any HTTPS endpoint; the CloudEvent signed per the Standard Webhooks spec. */
  WEBHOOK,
  /** An email address, over the configured SMTP relay. */
  EMAIL;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ChannelType parse(String text) {
    return text == null ? null : valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  /** Whether the target is a URL (checked by the SSRF guard). */
  public boolean http() {
    return this != EMAIL;
  }
}
