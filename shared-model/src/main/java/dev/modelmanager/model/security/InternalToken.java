package dev.modelmanager.model.security;

/**
 * The short-lived JWT the gateway signs for every request it forwards, and the only credential a
 * service accepts on {@code /api/*}. Services verify it with the gateway's public key and take the
 * actor of what they record from it.
 */
public final class InternalToken {
  /** {@code iss} of every internal token. */
  public static final String ISSUER = "https://model-manager/gateway";

  /** {@code aud} of every internal token. */
  public static final String AUDIENCE = "model-manager-services";

  /** The caller's display name. */
  public static final String CLAIM_NAME = "name";

  /** The caller's effective role, as one element of the MP-JWT {@code groups} claim. */
  public static final String CLAIM_GROUPS = "groups";

  /** The caller's scopes, space-separated (RFC 8693 {@code scope}). */
  public static final String CLAIM_SCOPE = "scope";

  /** How the caller authenticated: {@link Caller.AuthMethod#id()}. */
  public static final String CLAIM_AUTH_METHOD = "mm_auth";

  /** The API token id, when the caller used one. */
  public static final String CLAIM_TOKEN_ID = "mm_tid";

  /** The request id the token was minted for. */
  public static final String CLAIM_REQUEST_ID = "mm_rid";

  /** The header that carries it: {@code Authorization: Bearer <jwt>}. */
  public static final String HEADER = "Authorization";

  private InternalToken() {}
}
