package dev.modelmanager.catalog.store;

import dev.modelmanager.catalog.domain.PullRequestRecord;

/**
 * A bot pull request with its proposal as stored (JSON text of a {@code BotProposal}; null when the
 * pull request predates the stored proposals).
 */
public record StoredProposal(PullRequestRecord pullRequest, String proposal) {}
