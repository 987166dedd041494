package dev.modelmanager.gateway.notify.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a delivery stands. */
public enum DeliveryStatus {
  /** Not yet acknowledged by the receiver; retried when due. */
  PENDING,
  /** The receiver acknowledged it (2xx, or the SMTP relay accepted it). */
  DELIVERED,
  /** Every attempt failed; only a manual redeliver sends it again. */
  DEAD_LETTER;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static DeliveryStatus parse(String text) {
    return text == null ? null : valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
