package dev.modelmanager.catalog.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/catalog/pull-requests}. */
public record PullRequestRequest(
    @Schema(description = "The entry (see GET /api/v1/catalog/schema)", required = true)
        @NotNull
        @EntryDocument
        JsonNode entry,
    @Schema(description = "Default: catalog: add|update <id> (<model>@<sha>)")
        @Size(min = 1, max = 200)
        String title,
    @Schema(description = "Replaces the repository's pull request template") @Size(max = 20_000)
        String body,
    @Size(max = 10) List<@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._:/-]{0,49}") String> labels,
    Boolean draft,
    @Schema(description = "Default: catalog/<id>", example = "catalog/qwen2-5-0-5b")
        @Pattern(regexp = "(?!.*\\.\\.)(?!.*//)[A-Za-z0-9][A-Za-z0-9._/-]{0,99}(?<![./])")
        String branch) {}
