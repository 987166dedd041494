package dev.modelmanager.gateway.notify.api;

import dev.modelmanager.gateway.notify.domain.ChannelInput;
import dev.modelmanager.gateway.notify.domain.ChannelType;
import dev.modelmanager.gateway.notify.domain.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** A channel to create or replace. */
public record ChannelRequest(
    @NotBlank @Size(max = 100) @Schema(example = "ops-webhook") String name,
    @NotNull
        @Schema(
            example = "webhook",
            enumeration = {"slack", "webhook", "email"})
        ChannelType type,
    @NotBlank
        @Size(max = 2000)
        @Schema(
            description = "The URL (slack, webhook) or the email address(es), comma-separated",
            example = "https://hooks.example.com/model-manager")
        String target,
    @NotEmpty
        @Size(max = 50)
        @Schema(
            description = "Event-type patterns: exact types, prefix.* or *",
            example = "[\"dev.modelmanager.weights.install.*\"]")
        List<
                @NotBlank
                @Pattern(
                    regexp = "\\*|[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(\\.\\*)?",
                    message = "must be an event type, a prefix ending in .* or *")
                String>
            events,
    @Schema(description = "The least severity sent (default info)", example = "warning")
        Severity minSeverity,
    @Schema(
            description = "Only events about this model, deployment or location",
            example = "{\"model\": \"Qwen/Qwen2.5-7B-Instruct\"}")
        Map<
                @Pattern(
                    regexp = "model|deployment|location",
                    message = "only model, deployment and location can be filtered on")
                String,
                @NotBlank @Size(max = 300) String>
            filters,
    @Schema(description = "Default true") Boolean enabled,
    @DurationMin(seconds = 1)
        @DurationMax(days = 1)
        @Schema(
            type = SchemaType.STRING,
            description =
                "Email only: one mail per this interval (ISO-8601, PT1S to P1D) listing every"
                    + " event, instead of one mail per event. Absent: one mail per event.",
            example = "PT15M")
        Duration digest) {

  ChannelInput input() {
    return new ChannelInput(
        name.strip(),
        type,
        target.strip(),
        List.copyOf(events),
        minSeverity == null ? Severity.INFO : minSeverity,
        filters == null ? Map.of() : filters,
        enabled == null || enabled,
        digest);
  }
}
