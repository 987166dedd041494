package dev.modelmanager.kit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem. No stack trace or exception message from a library
 * ever reaches the client: only the details we chose to write.
 */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return Problems.response(e.problem(), uri.getPath());
  }

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    ProblemType t = ProblemType.VALIDATION;
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    return Problems.response(
        new Problem(t.uri(), t.title(), t.status(), detail, null, null, errors), uri.getPath());
  }

  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
    String field =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
            .orElse("body");
    String message =
        e.getTargetType() == null
            ? "has the wrong type"
            : "expected " + e.getTargetType().getSimpleName();
    ProblemType t = ProblemType.VALIDATION;
    return Problems.response(
        new Problem(
            t.uri(),
            t.title(),
            t.status(),
            field + ": " + message,
            null,
            null,
            List.of(new Problem.FieldError(field, message))),
        uri.getPath());
  }

  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e, UriInfo uri) {
    String where =
        e.getLocation() == null
            ? ""
            : " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + ")";
    return Problems.response(
        ProblemType.MALFORMED_JSON.problem("The request body could not be parsed as JSON" + where),
        uri.getPath());
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return Problems.response(
        ProblemType.NOT_FOUND.problem("No resource at " + uri.getPath()), uri.getPath());
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e, UriInfo uri, Request request) {
    // RESTEasy Reactive's routing does not say which methods the path has: then the detail names
    // the refused method, and no (empty, i.e. "nothing allowed") Allow header is sent.
    java.util.Set<String> allowed = e.getResponse().getAllowedMethods();
    String detail =
        allowed.isEmpty()
            ? request.getMethod() + " is not allowed on " + uri.getPath()
            : "Allowed methods: " + String.join(", ", new java.util.TreeSet<>(allowed));
    Response r = Problems.response(ProblemType.METHOD_NOT_ALLOWED.problem(detail), uri.getPath());
    return allowed.isEmpty() ? r : Response.fromResponse(r).allow(allowed).build();
  }

  @ServerExceptionMapper
  public Response unsupportedMediaType(NotSupportedException e, UriInfo uri) {
    return Problems.response(
        ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("Send the body as application/json"),
        uri.getPath());
  }

  @ServerExceptionMapper
  public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
    return Problems.response(
        ProblemType.NOT_ACCEPTABLE.problem("This resource answers application/json"),
        uri.getPath());
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    // Body readers wrap Jackson's errors; answer them as the JSON problems they are.
    if (e.getCause() instanceof MismatchedInputException mismatch) {
      return mismatchedJson(mismatch, uri);
    }
    if (e.getCause() instanceof JsonProcessingException malformed) {
      return malformedJson(malformed, uri);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      LOG.errorf(e, "request %s failed with %d", RequestId.current(), status);
    }
    ProblemType type = ProblemType.forStatus(status);
    Problem p = new Problem(type.uri(), type.title(), status, type.title(), null, null, null);
    return Problems.response(p, uri.getPath());
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    String id = RequestId.current();
    LOG.errorf(e, "request %s failed", id);
    return Problems.response(
        ProblemType.INTERNAL.problem(
            "An unexpected error occurred; the service log has the details under request id " + id),
        uri.getPath());
  }

  private static String fieldOf(ConstraintViolation<?> v) {
    StringBuilder field = new StringBuilder();
    String parameter = null;
    for (Path.Node node : v.getPropertyPath()) {
      if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node.getName();
      } else if (node.getKind() == ElementKind.PROPERTY
          || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
        // A node inside a list carries the element's index: it belongs to the list before it.
        if (node.isInIterable() && node.getIndex() != null) {
          field.append('[').append(node.getIndex()).append(']');
        }
        if (node.getName() != null && !node.getName().startsWith("<")) {
          if (!field.isEmpty()) {
            field.append('.');
          }
          field.append(node.getName());
        }
      }
    }
    if (!field.isEmpty()) {
      return field.toString();
    }
    return parameter != null ? parameter : v.getPropertyPath().toString();
  }
}
