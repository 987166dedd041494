package dev.modelmanager.model.problem;

/** The stable problem {@code type} URIs of the Model Manager API, with their default titles. */
public enum ProblemType {
  VALIDATION("validation", "Request validation failed", 400),
  BAD_REQUEST("bad-request", "Bad request", 400),
  MALFORMED_JSON("malformed-json", "The request body is not valid JSON", 400),
  UNAUTHORIZED("unauthorized", "Authentication required", 401),
  FORBIDDEN("forbidden", "Not allowed", 403),
  HUB_ACCESS_DENIED("hub-access-denied", "The Hugging Face Hub refused access", 403),
  NOT_FOUND("not-found", "Not found", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
  NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
  CONFLICT("conflict", "Conflict", 409),
  CONTENT_TOO_LARGE("content-too-large", "Request body too large", 413),
  URI_TOO_LONG("uri-too-long", "Request URI too long", 414),
  HEADERS_TOO_LARGE("headers-too-large", "Request headers too large", 431),
  TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
  INVALID_CONTENT("invalid-content", "The content is not valid", 422),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
  UPSTREAM_UNAVAILABLE("upstream-unavailable", "Upstream service unavailable", 502),
  UPSTREAM_RATE_LIMITED("upstream-rate-limited", "Upstream rate limit reached", 503),
  UPSTREAM_TIMEOUT("upstream-timeout", "Upstream service timed out", 504),
  SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", 503),
  INSUFFICIENT_STORAGE(
      "insufficient-storage", "Not enough free space in the storage location", 507),
  STORAGE_FULL("storage-full", "The storage location ran out of space while writing", 507),
  CHECKSUM_MISMATCH(
      "checksum-mismatch", "Downloaded bytes do not match the expected checksum", 502),
  INTERNAL("internal", "Internal error", 500);

  public static final String BASE_URI = "https://modelmanager.dev/problems/";

  private final String slug;
  private final String title;
  private final int status;

  ProblemType(String slug, String title, int status) {
    this.slug = slug;
    this.title = title;
    this.status = status;
  }

  public String uri() {
    return BASE_URI + slug;
  }

  public String title() {
    return title;
  }

  public int status() {
    return status;
  }

  public Problem problem(String detail) {
    return new Problem(uri(), title, status, detail, null, null, null);
  }

  /** The type whose default status is {@code status}, for errors that carry only a status. */
  public static ProblemType forStatus(int status) {
    for (ProblemType t : values()) {
      if (t.status == status && t != VALIDATION && t != MALFORMED_JSON) {
        return t;
      }
    }
    return status >= 500 ? INTERNAL : BAD_REQUEST;
  }
}
