package dev.modelmanager.weights.api;

import dev.modelmanager.weights.domain.PurgeOrder;
import dev.modelmanager.weights.domain.PurgePolicy;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/weights/purge}. */
@WeightsConstraints.PurgeTarget
public record PurgeRequest(
    @Schema(
            description =
                "lru (least recently accessed first, until targetFreeBytes) or age (older than maxAgeDays)",
            example = "lru")
        @NotNull(message = "lru or age is required")
        @Pattern(regexp = "(?i)lru|age", message = "lru or age")
        String policy,
    @Schema(description = "For age: snapshots not accessed for this many days", example = "30")
        @PositiveOrZero
        Integer maxAgeDays,
    @Schema(description = "For lru: stop once the location has this many bytes free")
        @PositiveOrZero
        Long targetFreeBytes,
    @Schema(description = "Storage location; default the first configured") String location,
    @Schema(description = "Only answer the plan (default true)", defaultValue = "true")
        Boolean dryRun) {

  PurgeOrder toOrder() {
    return new PurgeOrder(
        PurgePolicy.Kind.valueOf(policy.toUpperCase(Locale.ROOT)),
        maxAgeDays,
        targetFreeBytes,
        location,
        dryRun == null || dryRun);
  }
}
