package dev.modelmanager.gateway.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/tokens}. */
public record TokenRequest(
    @NotBlank
        @Size(max = 64)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._:-]*", message = "letters, digits, ' ._:-'")
        @Schema(examples = "ci-pipeline")
        String name,
    @NotEmpty
        @Size(max = 16)
        @Schema(
            description =
                "discovery:read, discovery:write, weights:read, weights:write, catalog:read,"
                    + " catalog:write, deploy:read, deploy:write, events:read, audit:read,"
                    + " tokens, admin, or * for all")
        List<
                @NotBlank
                @Pattern(
                    regexp =
                        "discovery:read|discovery:write|weights:read|weights:write|catalog:read"
                            + "|catalog:write|deploy:read|deploy:write|events:read|audit:read"
                            + "|tokens|admin|\\*",
                    message = "unknown scope")
                String>
            scopes,
    @Pattern(regexp = "viewer|operator|admin", message = "viewer, operator or admin")
        @Schema(description = "At most the creator's role; the creator's role when absent")
        String role,
    @Schema(description = "When the token stops working; or give ttl") Instant expiresAt,
    @Schema(description = "ISO-8601 duration, e.g. P30D; default mm.auth.tokens.default-ttl")
        Duration ttl,
    @Size(max = 128)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._@:-]*", message = "letters, digits, '._@:-'")
        @Schema(
            description =
                "Admins only: the subject the token acts as (a service account or another person);"
                    + " the caller when absent")
        String owner) {}
