package dev.modelmanager.gateway.api;

import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/tokens/{id}/rotate}. */
public record RotateRequest(
    @Schema(
            description =
                "How long the old secret keeps working (ISO-8601, e.g. PT1H); none: revoked at once")
        Duration grace) {}
