package dev.modelmanager.kit.security;

import dev.modelmanager.model.security.InternalToken;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.rest.client.reactive.ReactiveClientHeadersFactory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Passes the gateway's internal token of the request being served on to the service this one calls,
 * so that a call made on a user's behalf (catalog checks asking discovery and weights, deploy
 * asking the catalog) is accepted where tokens are required, and is recorded as that user's.
 *
 * <p>Register it on a service-to-service REST client with
 * {@code @RegisterClientHeaders(InternalTokenForwarding.class)}. Outside a request (a scheduled
 * job) there is no token to pass and none is sent: such work must not call another service's API.
 */
@ApplicationScoped
public class InternalTokenForwarding extends ReactiveClientHeadersFactory {

  @Inject CurrentActor actor;

  @Override
  public Uni<MultivaluedMap<String, String>> getHeaders(
      MultivaluedMap<String, String> incomingHeaders,
      MultivaluedMap<String, String> clientOutgoingHeaders) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    InjectableContext requests = Arc.container().requestContext();
    if (requests != null && requests.isActive()) {
      actor
          .token()
          .map(JsonWebToken::getRawToken)
          .ifPresent(raw -> headers.putSingle(InternalToken.HEADER, "Bearer " + raw));
    }
    return Uni.createFrom().item(headers);
  }
}
