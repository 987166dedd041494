package dev.modelmanager.gateway.domain;

import java.time.Instant;

/**
 * An event as kept in the gateway's event log.
 *
 * @param seq position in the log (assigned on insert; null before); newer events have higher ones
 * @param id the CloudEvent id, unique in the log
 * @param data the event's {@code data} as JSON text, or null
 */
public record LoggedEvent(
    Long seq,
    String id,
    String type,
    String source,
    String subject,
    Instant time,
    String topic,
    String data,
    Instant receivedAt) {}
