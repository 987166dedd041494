package dev.modelmanager.gateway.notify.api;

/** The outcome of a test message. */
public record TestResultView(boolean delivered, Integer statusCode, String error, long latencyMs) {}
