package dev.modelmanager.gateway.api;

import dev.modelmanager.gateway.security.CurrentCaller;
import dev.modelmanager.gateway.service.ApiTokenService;
import dev.modelmanager.model.security.Caller;
import dev.modelmanager.model.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API tokens: create (plaintext shown once), list, rotate, revoke. */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "security")
public class TokensResource {
  static final String ID = "tok_[a-z0-9]{16}";

  private final ApiTokenService tokens;

  TokensResource(ApiTokenService tokens) {
    this.tokens = tokens;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create an API token",
      description =
          "Answers 201 with the plaintext in `token`, this once; only its hash is stored. The token"
              + " acts as the caller, with at most the caller's role, limited to its scopes.")
  @APIResponseSchema(
      value = TokenView.class,
      responseCode = "201",
      responseDescription = "The token, with its plaintext this once")
  public Uni<Response> create(@Valid @NotNull TokenRequest request, @Context RoutingContext rc) {
    Caller caller = caller(rc);
    return tokens
        .create(
            caller,
            new ApiTokenService.NewToken(
                request.name(),
                request.scopes(),
                Role.of(request.role()).orElse(null),
                request.expiresAt(),
                request.ttl(),
                request.owner()))
        .map(
            created ->
                Response.created(URI.create("/api/v1/tokens/" + created.token().id()))
                    .header("Cache-Control", "no-store")
                    .entity(TokenView.of(created.token(), created.plaintext()))
                    .build());
  }

  @GET
  @Operation(summary = "The caller's tokens (an admin may ask for everyone's with all=true)")
  public Uni<List<TokenView>> list(
      @QueryParam("all") @DefaultValue("false") @Parameter(description = "admins: every owner's")
          boolean all,
      @Context RoutingContext rc) {
    return tokens.list(caller(rc), all).map(l -> l.stream().map(TokenView::of).toList());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One token (the caller's own, or any for an admin)")
  public Uni<TokenView> get(
      @PathParam("id") @Pattern(regexp = ID) String id, @Context RoutingContext rc) {
    return tokens.get(caller(rc), id).map(TokenView::of);
  }

  @POST
  @Path("/{id}/rotate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace a token's secret",
      description =
          "Answers 201 with a new token (new id, same name, role, scopes and expiry) and its"
              + " plaintext; the old secret keeps working for `grace`, or stops now without it.")
  @APIResponseSchema(
      value = TokenView.class,
      responseCode = "201",
      responseDescription = "The new token, with its plaintext this once")
  public Uni<Response> rotate(
      @PathParam("id") @Pattern(regexp = ID) String id,
      RotateRequest request,
      @Context RoutingContext rc) {
    Duration grace = request == null || request.grace() == null ? Duration.ZERO : request.grace();
    return tokens
        .rotate(caller(rc), id, grace)
        .map(
            created ->
                Response.created(URI.create("/api/v1/tokens/" + created.token().id()))
                    .header("Cache-Control", "no-store")
                    .entity(TokenView.of(created.token(), created.plaintext()))
                    .build());
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      summary = "Revoke a token",
      description = "Effective on the next request, on every gateway replica.")
  public Uni<TokenView> revoke(
      @PathParam("id") @Pattern(regexp = ID) String id, @Context RoutingContext rc) {
    return tokens.revoke(caller(rc), id).map(TokenView::of);
  }

  private static Caller caller(RoutingContext rc) {
    return CurrentCaller.required(rc);
  }
}
