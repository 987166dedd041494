package dev.modelmanager.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A service's health as the gateway reports it: {@code UP} or {@code DOWN}, and why when down.
 * Reads the {@code status} of a Quarkus health document; the checks stay with the service.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceHealth(String status, String error) {
  public static final String UP = "UP";
  public static final String DOWN = "DOWN";

  public static ServiceHealth up() {
    return new ServiceHealth(UP, null);
  }

  public static ServiceHealth down(String reason) {
    return new ServiceHealth(DOWN, reason);
  }

  public boolean isUp() {
    return UP.equals(status);
  }
}
