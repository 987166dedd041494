package dev.modelmanager.gateway.notify.service;

import java.time.Duration;

/**
 * The outcome of sending one message.
 *
 * @param statusCode the receiver's HTTP status, or null (no answer, or email)
 * @param error why it failed (never a secret), or null
 * @param retryAfter the receiver's {@code Retry-After}, or null
 */
public record Attempt(
    boolean delivered, Integer statusCode, String error, Duration retryAfter, long latencyMs) {

  static Attempt failed(String error, long latencyMs) {
    return new Attempt(false, null, error, null, latencyMs);
  }
}
