package dev.modelmanager.catalog.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.catalog.domain.CheckResult;
import dev.modelmanager.catalog.domain.EntryRejectedException;
import dev.modelmanager.kit.web.Problems;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A rejected entry: 422 problem+json whose errors are the failing checks, plus the full report. */
public class EntryRejectedMapper {
  private final ObjectMapper mapper;

  EntryRejectedMapper(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @ServerExceptionMapper
  public Response rejected(EntryRejectedException e, UriInfo uri) {
    ProblemType t = ProblemType.INVALID_CONTENT;
    Problem problem =
        new Problem(
            t.uri(),
            t.title(),
            t.status(),
            e.getMessage(),
            null,
            null,
            e.report().checks().stream()
                .filter(c -> c.status() == CheckResult.Status.FAIL)
                .map(
                    c ->
                        new Problem.FieldError(
                            c.pointer() == null ? c.name() : c.name() + ":" + c.pointer(),
                            c.message()))
                .toList());
    Response r = Problems.response(problem, uri.getPath());
    ObjectNode body = mapper.valueToTree(r.getEntity());
    body.set("report", mapper.valueToTree(e.report()));
    return Response.fromResponse(r).entity(body).build();
  }
}
