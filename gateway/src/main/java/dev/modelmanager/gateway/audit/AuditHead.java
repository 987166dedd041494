package dev.modelmanager.gateway.audit;

/** Where the chain ends, as the writers left it: the last {@code seq} and its hash. */
public record AuditHead(long lastSeq, String lastHash) {}
