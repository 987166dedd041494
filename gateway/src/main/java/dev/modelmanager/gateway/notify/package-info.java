/**
 * Notifications: channels (Slack, signed webhooks, email) with subscriptions, and the delivery of
 * every logged event to the channels that subscribe to it, at least once, in order per channel.
 * {@code api} → {@code service} → {@code domain}/{@code store}, like the rest of the gateway.
 */
package dev.modelmanager.gateway.notify;
