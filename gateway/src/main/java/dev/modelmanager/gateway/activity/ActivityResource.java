package dev.modelmanager.gateway.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.api.Exports;
import dev.modelmanager.gateway.notify.domain.Subscription;
import dev.modelmanager.gateway.security.CurrentCaller;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/** What happened, in words: the activity feed and its export (docs/activity.md). */
@Path("/api/v1/activity")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events")
public class ActivityResource {
  private final ActivityFeed feed;
  private final ObjectMapper mapper;

  ActivityResource(ActivityFeed feed, ObjectMapper mapper) {
    this.feed = feed;
    this.mapper = mapper;
  }

  @GET
  @Operation(
      summary = "Activity, newest first",
      description =
          "Events the services reported (installs, catalog changes, deployments…) and the changes"
              + " people made through the API, each as a sentence with its actor; only what the"
              + " caller may read. A page may hold fewer than limit items when filters are narrow:"
              + " go on while nextCursor is set.")
  public Uni<Page<ActivityEntry>> list(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("cursor")
          @Pattern(regexp = ActivityFeed.CURSOR_REGEX, message = "not a cursor this API returned")
          @Parameter(description = "nextCursor of the previous page")
          String cursor,
      @QueryParam("type")
          @Size(max = 20)
          @Parameter(
              description =
                  "type patterns (exact, prefix.* or *), repeatable; a request's type is"
                      + " dev.modelmanager.<area>.request")
          List<String> types,
      @QueryParam("kind")
          @Pattern(regexp = "event|request", message = "event or request")
          @Parameter(description = "event or request")
          String kind,
      @QueryParam("model") @Size(max = 200) @Parameter(description = "a repo id org/name")
          String model,
      @QueryParam("actor") @Size(max = 200) @Parameter(description = "the actor's subject")
          String actor,
      @QueryParam("since") @Parameter(description = "ISO-8601 instant, inclusive") String since,
      @QueryParam("until") @Parameter(description = "ISO-8601 instant, exclusive") String until,
      @Context RoutingContext rc) {
    return feed.page(caller(rc), query(types, kind, model, actor, since, until), cursor, limit);
  }

  @GET
  @Path("/export")
  // One declared type (RESTEasy negotiates no Multi types); the answer's Content-Type follows the
  // format (set on the RestMulti).
  @Produces(Exports.CSV)
  @Operation(
      summary = "All matching activity, newest first, streamed",
      description =
          "format=csv (a header row, targets space-separated), format=json (one array) or format=jsonl (one entry per line,"
              + " the list's item shape); the same filters as the list.")
  public RestMulti<byte[]> export(
      @QueryParam("format")
          @DefaultValue("jsonl")
          @Pattern(regexp = Exports.FORMATS, message = "csv, json or jsonl")
          String format,
      @QueryParam("type") @Size(max = 20) List<String> types,
      @QueryParam("kind") @Pattern(regexp = "event|request", message = "event or request")
          String kind,
      @QueryParam("model") @Size(max = 200) String model,
      @QueryParam("actor") @Size(max = 200) String actor,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @Context RoutingContext rc) {
    return Exports.stream(
        format,
        "activity",
        ActivityEntry.COLUMNS,
        feed.export(caller(rc), query(types, kind, model, actor, since, until)),
        ActivityEntry::csvRow,
        mapper);
  }

  private static ActivityQuery query(
      List<String> types, String kind, String model, String actor, String since, String until) {
    for (String t : types) {
      if (!Subscription.PATTERN.matcher(t).matches()) {
        throw ProblemException.invalidField("type", "must be an event type, prefix.* or *");
      }
    }
    return new ActivityQuery(
        types,
        Exports.blankToNull(kind),
        Exports.blankToNull(model),
        Exports.blankToNull(actor),
        Exports.instant("since", since),
        Exports.instant("until", until));
  }

  private static Caller caller(RoutingContext rc) {
    return CurrentCaller.required(rc);
  }
}
