package dev.modelmanager.gateway.service;

import dev.modelmanager.gateway.config.AuthConfig;
import dev.modelmanager.gateway.domain.ApiToken;
import dev.modelmanager.gateway.security.AuthenticationFailedException;
import dev.modelmanager.gateway.store.ApiTokenStore;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.model.security.ApiTokenFormat;
import dev.modelmanager.model.security.Caller;
import dev.modelmanager.model.security.Role;
import dev.modelmanager.model.security.Scopes;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * API tokens: creation (plaintext returned once), lookup on every request, listing, rotation and
 * revocation. A token acts as its owner with the lesser of the owner's role (at creation) and its
 * own, limited to its scopes. A verified token is remembered in {@link VerifiedTokenCache}, which
 * every change to a token empties on every replica, so a revocation holds on the next request.
 */
@Singleton
public class ApiTokenService {
  private static final Logger LOG = Logger.getLogger(ApiTokenService.class);
  private static final String ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiTokenStore store;
  private final AuthConfig config;
  private final Clock clock;
  private final VerifiedTokenCache cache;
  private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

  @Inject
  ApiTokenService(ApiTokenStore store, AuthConfig config, VerifiedTokenCache cache) {
    this(store, config, Clock.systemUTC(), cache);
  }

  ApiTokenService(ApiTokenStore store, AuthConfig config, Clock clock, VerifiedTokenCache cache) {
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.cache = cache;
  }

  /** The caller a presented token stands for; fails when it is unknown, expired or revoked. */
  public Uni<Caller> authenticate(String plaintext) {
    Caller known;
    try {
      known = remembered(plaintext);
    } catch (AuthenticationFailedException e) {
      return Uni.createFrom().failure(e);
    }
    if (known != null) {
      return Uni.createFrom().item(known);
    }
    Instant now = clock.instant();
    String hash = ApiTokenFormat.hash(plaintext);
    long generation = cache.generation();
    return store
        .findByHash(hash)
        .map(
            found -> {
              ApiToken token = found.filter(t -> t.activeAt(now)).orElseThrow(this::refused);
              cache.put(hash, token, generation);
              return accepted(token, now);
            });
  }

  /**
   * The answer for a token without asking the store: its caller when the cache remembers it as
   * active, or null when only the store can tell ({@link #authenticate}).
   *
   * @throws AuthenticationFailedException when the token is malformed, or remembered but no longer
   *     active
   */
  public Caller remembered(String plaintext) {
    if (!ApiTokenFormat.wellFormed(plaintext)) {
      throw refused();
    }
    Optional<ApiToken> remembered = cache.get(ApiTokenFormat.hash(plaintext));
    if (remembered.isEmpty()) {
      return null;
    }
    Instant now = clock.instant();
    if (!remembered.get().activeAt(now)) {
      throw refused();
    }
    return accepted(remembered.get(), now);
  }

  private Caller accepted(ApiToken token, Instant now) {
    touchLater(token, now);
    return callerOf(token);
  }

  /** A token that acts for {@code creator}; the plaintext is in the answer and nowhere else. */
  public Uni<Created> create(Caller creator, NewToken request) {
    Role role = request.role() == null ? creator.role() : request.role();
    if (!creator.role().atLeast(role)) {
      return Uni.createFrom()
          .failure(
              new ProblemException(
                  ProblemType.FORBIDDEN,
                  "A token cannot have more than its creator's role ("
                      + creator.role().id()
                      + ")"));
    }
    String owner = request.owner() == null ? creator.subject() : request.owner();
    if (!owner.equals(creator.subject()) && creator.role() != Role.ADMIN) {
      return Uni.createFrom()
          .failure(
              new ProblemException(
                  ProblemType.FORBIDDEN, "Only an admin can create tokens for someone else"));
    }
    if (!creator.scopes().contains(Scopes.ALL) && !creator.scopes().containsAll(request.scopes())) {
      return Uni.createFrom()
          .failure(
              new ProblemException(
                  ProblemType.FORBIDDEN, "A token cannot have scopes its creator does not have"));
    }
    Instant now = clock.instant();
    Instant expiresAt;
    try {
      expiresAt = expiry(now, request);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom()
          .failure(new ProblemException(ProblemType.BAD_REQUEST, e.getMessage()));
    }
    String plaintext = ApiTokenFormat.generate();
    ApiToken token =
        new ApiToken(
            newId(),
            request.name(),
            ApiTokenFormat.displayPrefix(plaintext),
            ApiTokenFormat.hash(plaintext),
            owner,
            owner.equals(creator.subject()) ? creator.name() : owner,
            role,
            Set.copyOf(request.scopes()),
            creator.subject(),
            now,
            expiresAt,
            null,
            null);
    return store.insert(token).replaceWith(new Created(token, plaintext));
  }

  /** The caller's own tokens, or everyone's for an admin who asks for all. */
  public Uni<List<ApiToken>> list(Caller caller, boolean everyone) {
    if (everyone && caller.role() != Role.ADMIN) {
      return Uni.createFrom()
          .failure(
              new ProblemException(ProblemType.FORBIDDEN, "Only an admin can list every token"));
    }
    return store.list(everyone ? null : caller.subject());
  }

  /** One token the caller may see (their own, or any for an admin), or 404. */
  public Uni<ApiToken> get(Caller caller, String id) {
    return store
        .findById(id)
        .map(
            found ->
                found
                    .filter(t -> mayManage(caller, t))
                    .orElseThrow(
                        () -> new ProblemException(ProblemType.NOT_FOUND, "No token " + id)));
  }

  /** Revokes at once; the next request with it is refused on every replica. */
  public Uni<ApiToken> revoke(Caller caller, String id) {
    Instant now = clock.instant();
    return get(caller, id)
        .call(t -> store.revoke(t.id(), now))
        .invoke(cache::invalidateAll)
        .chain(t -> store.findById(t.id()))
        .map(t -> t.orElseThrow());
  }

  /**
   * A new secret for the same token settings; the old one stays valid for {@code grace} (zero:
   * revoked now).
   */
  public Uni<Created> rotate(Caller caller, String id, Duration grace) {
    // A policy bound from settings (mm.auth.tokens.max-grace), so checked here, not on the request.
    if (grace.isNegative() || grace.compareTo(config.tokens().maxGrace()) > 0) {
      return Uni.createFrom()
          .failure(
              new ProblemException(
                  ProblemType.BAD_REQUEST,
                  "grace must be between PT0S and " + config.tokens().maxGrace()));
    }
    Instant now = clock.instant();
    return get(caller, id)
        .chain(
            old -> {
              if (!old.activeAt(now)) {
                return Uni.createFrom()
                    .failure(
                        new ProblemException(
                            ProblemType.CONFLICT, "Token " + id + " is revoked or expired"));
              }
              String plaintext = ApiTokenFormat.generate();
              ApiToken replacement =
                  new ApiToken(
                      newId(),
                      old.name(),
                      ApiTokenFormat.displayPrefix(plaintext),
                      ApiTokenFormat.hash(plaintext),
                      old.ownerSubject(),
                      old.ownerName(),
                      old.role(),
                      old.scopes(),
                      caller.subject(),
                      now,
                      old.expiresAt(),
                      null,
                      null);
              return store
                  .rotate(old.id(), now.plus(grace), replacement)
                  .invoke(cache::invalidateAll)
                  .replaceWith(new Created(replacement, plaintext));
            });
  }

  /**
   * Makes sure {@code plaintext} is a known admin token (created when missing): the first
   * credential of a fresh installation.
   */
  public Uni<Boolean> ensureAdmin(String plaintext, String subject) {
    if (!ApiTokenFormat.wellFormed(plaintext)) {
      return Uni.createFrom()
          .failure(
              new IllegalArgumentException(
                  "The bootstrap admin token does not have the mm_ token format"));
    }
    Instant now = clock.instant();
    return store
        .findByHash(ApiTokenFormat.hash(plaintext))
        .chain(
            found -> {
              if (found.isPresent()) {
                return Uni.createFrom().item(found.get().activeAt(now));
              }
              ApiToken token =
                  new ApiToken(
                      newId(),
                      "bootstrap-admin",
                      ApiTokenFormat.displayPrefix(plaintext),
                      ApiTokenFormat.hash(plaintext),
                      subject,
                      subject,
                      Role.ADMIN,
                      Set.of(Scopes.ALL),
                      "bootstrap",
                      now,
                      null,
                      null,
                      null);
              return store.insert(token).replaceWith(true);
            });
  }

  /** Whether {@code plaintext} is a token that works now. */
  public Uni<Boolean> active(String plaintext) {
    if (!ApiTokenFormat.wellFormed(plaintext)) {
      return Uni.createFrom().item(false);
    }
    Instant now = clock.instant();
    return store
        .findByHash(ApiTokenFormat.hash(plaintext))
        .map(t -> t.filter(token -> token.activeAt(now)).isPresent());
  }

  private static boolean mayManage(Caller caller, ApiToken token) {
    return caller.role() == Role.ADMIN || token.ownerSubject().equals(caller.subject());
  }

  /**
   * The lifetime policy, checked here rather than by Bean Validation on the request: it depends on
   * settings ({@code mm.auth.tokens.max-ttl}, the default) and on the clock, and {@link NewToken}
   * is also built by code other than the resource.
   */
  private Instant expiry(Instant now, NewToken request) {
    Duration max = config.tokens().maxTtl();
    if (request.expiresAt() != null && request.ttl() != null) {
      throw new IllegalArgumentException("Give expiresAt or ttl, not both");
    }
    Instant expiresAt =
        request.expiresAt() != null
            ? request.expiresAt()
            : now.plus(request.ttl() != null ? request.ttl() : config.tokens().defaultTtl());
    if (!expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("The token would be expired already");
    }
    if (expiresAt.isAfter(now.plus(max))) {
      throw new IllegalArgumentException("A token may live at most " + max);
    }
    return expiresAt;
  }

  private void touchLater(ApiToken token, Instant now) {
    Instant last = lastTouched.get(token.id());
    if (last != null && now.isBefore(last.plus(config.tokens().touchInterval()))) {
      return;
    }
    lastTouched.put(token.id(), now);
    store
        .touch(token.id(), now)
        .subscribe()
        .with(v -> {}, e -> LOG.debugf("could not record the use of token %s", token.id()));
  }

  private AuthenticationFailedException refused() {
    return new AuthenticationFailedException("The API token is unknown, expired or revoked");
  }

  static Caller callerOf(ApiToken token) {
    return new Caller(
        token.ownerSubject(),
        token.ownerName(),
        token.role(),
        token.scopes(),
        Caller.AuthMethod.API_TOKEN,
        token.id());
  }

  private static String newId() {
    StringBuilder id = new StringBuilder("tok_");
    for (int i = 0; i < 16; i++) {
      id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }

  /** What a caller asks for; validated by the resource. */
  public record NewToken(
      String name, List<String> scopes, Role role, Instant expiresAt, Duration ttl, String owner) {}

  /** A stored token and, this once, its plaintext. */
  public record Created(ApiToken token, String plaintext) {}
}
