package dev.modelmanager.weights.domain;

/**
 * The answer to an install request: the job, and whether it already existed (an open job for the
 * same location, repo and commit, which the request joins instead of starting a second writer).
 */
public record QueuedInstall(InstallJob job, boolean existing) {}
