package dev.modelmanager.gateway.preferences;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /api/v1/me/preferences}: the whole set; an absent field is reset to its default. */
public record PreferencesRequest(
    @Size(max = PreferencesRequest.MAX_FAVORITES)
        @Schema(
            description = "Hugging Face repo ids (org/name), at most 200; duplicates are dropped",
            examples = "[\"Qwen/Qwen2.5-7B-Instruct\"]")
        List<
                @NotNull
                @Pattern(regexp = REPO_ID, message = "must be a Hugging Face repo id org/name")
                String>
            favorites,
    @Size(max = 64)
        @Pattern(regexp = NAME, message = "letters, digits, '._-'")
        @Schema(examples = "l4")
        String defaultGpuPool,
    @Size(max = 64)
        @Pattern(regexp = NAME, message = "letters, digits, '._-'")
        @Schema(examples = "fast-nvme")
        String defaultLocation,
    @Pattern(regexp = "light|dark|system", message = "light, dark or system")
        @Schema(description = "light, dark or system (the default)")
        String theme,
    @Schema(
            description =
                "The receivedAt of the newest event seen in the notification drawer; events"
                    + " received later count as unread. Absent: nothing read yet.",
            examples = "2026-11-30T10:15:30.123Z")
        Instant lastSeenEventAt) {

  static final int MAX_FAVORITES = 200;

  // The Hub's rules (RepoId): parts of letters, digits, '-', '_', '.', no leading '.', no '..',
  // at most 96 characters each.
  static final String PART = "[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_-])?";
  static final String REPO_ID = "(?!.*\\.\\.)" + PART + "/" + PART;
  static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";
}
