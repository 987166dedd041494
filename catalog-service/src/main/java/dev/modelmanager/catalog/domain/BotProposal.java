package dev.modelmanager.catalog.domain;

/**
 * What the catalog bot proposed in a pull request: the entry's model moved from one commit (and
 * license) to another, with the validation report and the diff of the proposed entry at that time.
 *
 * @param fromRevision the approved entry's revision when the bot looked
 * @param toRevision the revision it proposes (the same when only the license changed)
 * @param fromLicense the approved entry's license
 * @param toLicense the license the Hub shows now
 */
public record BotProposal(
    String entryId,
    String hfModelId,
    String fromRevision,
    String toRevision,
    String fromLicense,
    String toLicense,
    ValidationReport report,
    EntryDiff diff) {}
