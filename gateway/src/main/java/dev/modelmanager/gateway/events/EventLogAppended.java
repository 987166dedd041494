package dev.modelmanager.gateway.events;

/**
 * Fired (a CDI event) when the intake has committed a new event to the gateway's event log, so that
 * the readers of the log (the notification dispatcher, the SSE hub) look now instead of at their
 * next poll. Their poll stays the fallback: a replica only hears of its own intake's events.
 *
 * @param eventId the CloudEvent id just logged
 */
public record EventLogAppended(String eventId) {}
