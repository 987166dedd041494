package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every request the fake hub answered (admin calls under {@code /_fake/} excluded). */
public final class RequestLog {

  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  RecordedRequest record(String method, String path, String query, String range, String token) {
    RecordedRequest request = new RecordedRequest(method, path, query, range, token);
    requests.add(request);
    return request;
  }

  /** A snapshot of the requests, oldest first. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Requests whose path starts with {@code pathPrefix}. */
  public List<RecordedRequest> requests(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  /** Forgets every request. */
  public void clear() {
    requests.clear();
  }

  /** Number of requests whose path starts with {@code pathPrefix}. */
  public long count(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count();
  }

  /** Body bytes sent for paths matching a {@link PathPattern} (glob or {@code regex:}). */
  public long bytesServed(String pathPattern) {
    PathPattern pattern = PathPattern.of(pathPattern);
    return requests.stream()
        .filter(r -> pattern.matches(r.path()))
        .mapToLong(RecordedRequest::bytesSent)
        .sum();
  }

  /** The log as the JSON array {@code GET /_fake/requests} returns. */
  ArrayNode toJson(ObjectMapper json) {
    ArrayNode array = json.createArrayNode();
    for (RecordedRequest request : requests) {
      ObjectNode entry = array.addObject();
      entry.put("receivedAt", request.receivedAt().toString());
      entry.put("method", request.method());
      entry.put("path", request.path());
      entry.put("query", request.query());
      entry.put("range", request.range());
      entry.put("token", request.token());
      entry.put("status", request.status());
      entry.put("bytesSent", request.bytesSent());
    }
    return array;
  }
}
