package dev.modelmanager.model.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem details body ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
    @Schema(example = "https://modelmanager.dev/problems/validation") String type,
    @Schema(example = "Request validation failed") String title,
    @Schema(example = "400") int status,
    String detail,
    String instance,
    @Schema(description = "The X-Request-ID of the failed request") String requestId,
    @Schema(description = "The fields that failed validation") List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One invalid field: a JSON-pointer-ish path and what is wrong with it. */
  public record FieldError(String field, String message) {}

  public Problem withRequest(String instance, String requestId) {
    return new Problem(type, title, status, detail, instance, requestId, errors);
  }
}
