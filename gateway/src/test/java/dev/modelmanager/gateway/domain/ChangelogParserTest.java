package dev.modelmanager.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangelogParserTest {

  private static final String CHANGELOG =
      """
      # Changelog

      All notable changes are documented here.

      ## [Unreleased]
      ### Added
      - Event log at `/api/v1/events`.

      ## [0.2.0] - 2025-02-03
      ### Added
      - Merged OpenAPI document
        with Swagger UI at /docs.
      * Changelog endpoint.

      ### Fixed
      - Request ids on errors.

      ## [0.1.0] - 2025-01-01
      ### Added
      - Foundation.

      [Unreleased]: https://example.org/compare/v0.2.0...HEAD
      [0.2.0]: https://example.org/compare/v0.1.0...v0.2.0
      """;

  @Test
  void readsEveryReleaseInFileOrderWithVersionAndDate() {
    List<ChangelogEntry> entries = ChangelogParser.parse(CHANGELOG);

    assertThat(entries)
        .extracting(ChangelogEntry::version)
        .containsExactly("Unreleased", "0.2.0", "0.1.0");
    assertThat(entries)
        .extracting(ChangelogEntry::date)
        .containsExactly(null, "2025-02-03", "2025-01-01");
  }

  @Test
  void groupsItemsBySectionAndJoinsContinuationLines() {
    ChangelogEntry release = ChangelogParser.parse(CHANGELOG).get(1);

    assertThat(release.sections())
        .containsExactly(
            Map.entry(
                "Added",
                List.of(
                    "Merged OpenAPI document with Swagger UI at /docs.", "Changelog endpoint.")),
            Map.entry("Fixed", List.of("Request ids on errors.")));
  }

  @Test
  void ignoresLinkReferencesAfterTheLastRelease() {
    ChangelogEntry last = ChangelogParser.parse(CHANGELOG).get(2);

    assertThat(last.sections()).containsExactly(Map.entry("Added", List.of("Foundation.")));
  }

  @Test
  void aReleaseWithoutSectionsHasAnEmptyMap() {
    List<ChangelogEntry> entries =
        ChangelogParser.parse("## [Unreleased]\n\n## [1.0.0] - 2025-05-05\n");

    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).sections()).isEmpty();
  }

  @Test
  void anEmptyTextHasNoReleases() {
    assertThat(ChangelogParser.parse("")).isEmpty();
    assertThat(ChangelogParser.parse("# Changelog\n\nNothing yet.\n")).isEmpty();
  }
}
