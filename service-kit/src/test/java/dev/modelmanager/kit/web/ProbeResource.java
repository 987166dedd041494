package dev.modelmanager.kit.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Endpoints that fail in every way a service's endpoints can, for the problem mapper tests. */
@Path("/test/probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {
  /** The message of an unexpected failure; it must never reach the client. */
  static final String INTERNAL_DETAIL = "jdbc:postgresql://db/mm?password=internal-detail-42";

  public record Item(@NotBlank String name) {}

  public record Order(
      @NotBlank String repo,
      @NotNull @Min(1) Integer count,
      @Size(max = 2) List<@Valid Item> items) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Order create(@Valid @NotNull Order order) {
    return order;
  }

  @GET
  @Path("/{n}")
  public int get(@PathParam("n") int n, @QueryParam("limit") @Min(1) @Max(10) Integer limit) {
    return n;
  }

  @GET
  @Path("/conflict")
  public String conflict() {
    throw ProblemException.conflict("org/model is already being installed");
  }

  @GET
  @Path("/crash")
  public String crash() {
    throw new IllegalStateException(INTERNAL_DETAIL);
  }
}
