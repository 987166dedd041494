package dev.modelmanager.catalog.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * What to propose: an entry, with optional pull request text and options.
 *
 * @param author the calling user, or null for the bot identity
 * @param kind {@code entry} or {@code bot}
 * @param allowFailingChecks the bot proposes moves even when a check fails, with the report
 */
public record PullRequestCommand(
    JsonNode entry,
    String title,
    String body,
    List<String> labels,
    boolean draft,
    String branch,
    PersonIdent author,
    String kind,
    boolean allowFailingChecks) {}
