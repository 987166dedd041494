package dev.modelmanager.deploy.api;

/** The answer to activate, rollback and deactivate: the new revision and the diff it applies. */
public record ChangeView(RevisionView revision, DiffView diff) {}
