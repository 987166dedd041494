package dev.modelmanager.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.modelmanager.kit.web.ProblemException;
import io.smallrye.mutiny.Multi;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * Streamed exports ({@code format=csv|jsonl}) and the query parameters the audit and activity lists
 * share.
 */
public final class Exports {
  public static final String CSV = "text/csv";
  public static final String JSONL = "application/jsonl";
  public static final String JSON = "application/json";

  /** The {@code format} parameter's pattern. */
  public static final String FORMATS = "csv|json|jsonl";

  private Exports() {}

  /**
   * {@code items} as a download named {@code name.csv} (a header row of {@code columns}, then
   * {@code row} of each), {@code name.json} (one JSON array, streamed) or {@code name.jsonl} (one
   * JSON document per line).
   */
  public static <T> RestMulti<byte[]> stream(
      String format,
      String name,
      List<String> columns,
      Multi<T> items,
      Function<T, Object[]> row,
      ObjectMapper mapper) {
    Multi<byte[]> lines;
    String type;
    if ("csv".equals(format)) {
      CsvSchema.Builder schema = CsvSchema.builder();
      columns.forEach(schema::addColumn);
      ObjectWriter writer = new CsvMapper().writer(schema.build().withoutHeader());
      lines =
          Multi.createBy()
              .concatenating()
              .streams(
                  Multi.createFrom().item(write(writer, columns.toArray())),
                  items.map(i -> write(writer, row.apply(i))));
      type = CSV;
    } else if ("json".equals(format)) {
      ObjectWriter json = mapper.writer();
      lines =
          Multi.createFrom()
              .deferred(
                  () -> {
                    // Per subscription: a comma before every element but the first.
                    java.util.concurrent.atomic.AtomicBoolean first =
                        new java.util.concurrent.atomic.AtomicBoolean(true);
                    return Multi.createBy()
                        .concatenating()
                        .streams(
                            Multi.createFrom().item(utf8("[")),
                            items.map(
                                i -> utf8((first.getAndSet(false) ? "" : ",") + write(json, i))),
                            Multi.createFrom().item(utf8("]\n")));
                  });
      type = JSON;
    } else {
      ObjectWriter json = mapper.writer();
      lines = items.map(i -> utf8(write(json, i) + "\n"));
      type = JSONL;
    }
    String extension = CSV.equals(type) ? "csv" : JSON.equals(type) ? "json" : "jsonl";
    return RestMulti.fromMultiData(lines)
        .header("Content-Type", type + "; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + name + "." + extension + "\"")
        .build();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Null for an absent or blank parameter. */
  public static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** An ISO-8601 instant parameter, or null; a 400 problem naming {@code field} otherwise. */
  public static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalidField(field, "an ISO-8601 instant, e.g. 2025-01-31T12:00:00Z");
    }
  }

  private static byte[] write(ObjectWriter writer, Object[] cells) {
    try {
      return writer.writeValueAsBytes(cells);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
