package dev.modelmanager.deploy.domain;

/** The state a rollout is in now, and the reason a person needs for it. */
public record Verdict(RevisionState state, String reason) {}
