package dev.modelmanager.deploy.domain;

import java.time.Instant;

/** One step of a revision's history: the state it reached, why, and when. */
public record StateChange(RevisionState state, String reason, Instant at) {}
