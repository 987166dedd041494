package dev.modelmanager.kit.security;

import dev.modelmanager.model.security.InternalToken;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who made the current request, as the gateway's verified internal token says: the subject is the
 * stable id to record, the name what people read (history, commit authors). Set by {@link
 * InternalTokenFilter} before any resource runs.
 *
 * <p>Without a token (only possible where {@code mm.internal-token.required=false}, i.e. in tests)
 * the actor is {@link #LOCAL}.
 */
@RequestScoped
public class CurrentActor {
  /** The actor of a request without a token where tokens are not required. */
  public static final String LOCAL = "local";

  private JsonWebToken token;

  void verified(JsonWebToken token) {
    this.token = token;
  }

  /** The verified internal token, when the request carried one. */
  public Optional<JsonWebToken> token() {
    return Optional.ofNullable(token);
  }

  /** The caller's stable id ({@code sub}), or {@link #LOCAL}. */
  public String subject() {
    return token == null ? LOCAL : token.getSubject();
  }

  /** The caller's display name ({@code name}, else the subject), or {@link #LOCAL}. */
  public String name() {
    if (token == null) {
      return LOCAL;
    }
    String name = token.getClaim(InternalToken.CLAIM_NAME);
    return name == null || name.isBlank() ? token.getSubject() : name;
  }

  /** Whether the actor comes from a verified token (false: the {@link #LOCAL} fallback). */
  public boolean authenticated() {
    return token != null;
  }
}
