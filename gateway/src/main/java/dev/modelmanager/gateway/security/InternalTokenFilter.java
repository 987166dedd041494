package dev.modelmanager.gateway.security;

import dev.modelmanager.gateway.pipeline.FilterResult;
import dev.modelmanager.gateway.pipeline.GatewayRequest;
import dev.modelmanager.gateway.pipeline.ImmediateFilter;
import dev.modelmanager.kit.security.InternalTokenConfig;
import dev.modelmanager.model.security.InternalToken;
import io.quarkus.runtime.LaunchMode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Services trust only the gateway: for a request that goes to a service, replaces whatever
 * credential the client sent ({@code Authorization}, {@code X-API-Key}) with the gateway's
 * short-lived signed internal token for the authenticated caller, and drops identity headers a
 * client could forge ({@code X-MM-Actor}, {@code X-MM-User}). An anonymous request (a route the
 * access rules leave open) reaches the service with no credential at all.
 *
 * <p>Runs after authentication (100–199) has set {@link GatewayRequest#caller()} and before
 * authorization (200). The gateway's own endpoints keep the inbound headers: they read the caller
 * from the pipeline.
 */
@Singleton
public class InternalTokenFilter implements ImmediateFilter {
  public static final int ORDER = 190;

  /** Inbound credentials and identity headers that never reach a service. */
  static final String API_KEY = "X-API-Key";

  static final String ACTOR = "X-MM-Actor";
  static final String USER = "X-MM-User";

  private static final Logger LOG = Logger.getLogger(InternalTokenFilter.class);

  private final InternalTokenSigner signer;

  @Inject
  public InternalTokenFilter(InternalTokenConfig config) {
    this(signerOf(config));
  }

  public InternalTokenFilter(InternalTokenSigner signer) {
    this.signer = signer;
  }

  private static InternalTokenSigner signerOf(InternalTokenConfig config) {
    var location = config.privateKey().filter(k -> !k.isBlank());
    if (location.isPresent()) {
      return InternalTokenSigner.fromPem(Path.of(location.get()), config.ttl());
    }
    if (LaunchMode.current() != LaunchMode.NORMAL) {
      LOG.warn(
          "mm.internal-token.private-key is not set: signing internal tokens with a throwaway key"
              + " that no service trusts (tests and dev mode only)");
      return InternalTokenSigner.ephemeral(config.ttl());
    }
    throw new IllegalStateException(
        "mm.internal-token.private-key (MM_INTERNAL_TOKEN_PRIVATE_KEY) is not set: the gateway"
            + " signs every forwarded request with it");
  }

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public FilterResult decide(GatewayRequest request) {
    if (request.targetService().isEmpty()) {
      return FilterResult.proceed();
    }
    request.setHeader(API_KEY, null);
    request.setHeader(ACTOR, null);
    request.setHeader(USER, null);
    request.setHeader(
        InternalToken.HEADER,
        request.caller().map(caller -> "Bearer " + signer.mint(caller)).orElse(null));
    return FilterResult.proceed();
  }
}
