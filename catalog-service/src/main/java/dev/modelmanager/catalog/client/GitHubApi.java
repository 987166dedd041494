package dev.modelmanager.catalog.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The GitHub REST API calls the catalog makes (also spoken by GitHub Enterprise, Gitea and Forgejo
 * at their API base); wrapped by {@link GitHubClient}.
 */
@RegisterRestClient(configKey = "github")
@ClientHeaderParam(name = "Accept", value = "application/vnd.github+json")
@ClientHeaderParam(name = "X-GitHub-Api-Version", value = "2022-11-28")
@ClientHeaderParam(name = "User-Agent", value = "model-manager-catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface GitHubApi {

  /** The body of {@code POST /repos/{owner}/{repo}/pulls}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CreatePull(String title, String head, String base, String body, Boolean draft) {}

  /** The body of {@code PATCH /repos/{owner}/{repo}/pulls/{number}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record UpdatePull(String title, String body) {}

  /** The body of {@code POST /repos/{owner}/{repo}/issues/{number}/labels}. */
  record Labels(List<String> labels) {}

  @POST
  @Path("/repos/{owner}/{repo}/pulls")
  Uni<GitHubPull> create(
      @HeaderParam("Authorization") String auth,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      CreatePull body);

  @GET
  @Path("/repos/{owner}/{repo}/pulls")
  Uni<List<GitHubPull>> list(
      @HeaderParam("Authorization") String auth,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @QueryParam("state") String state,
      @QueryParam("head") String head,
      @QueryParam("base") String base);

  @GET
  @Path("/repos/{owner}/{repo}/pulls/{number}")
  Uni<GitHubPull> get(
      @HeaderParam("Authorization") String auth,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @PathParam("number") int number);

  @PATCH
  @Path("/repos/{owner}/{repo}/pulls/{number}")
  Uni<GitHubPull> update(
      @HeaderParam("Authorization") String auth,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @PathParam("number") int number,
      UpdatePull body);

  @POST
  @Path("/repos/{owner}/{repo}/issues/{number}/labels")
  Uni<String> addLabels(
      @HeaderParam("Authorization") String auth,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @PathParam("number") int number,
      Labels body);
}
