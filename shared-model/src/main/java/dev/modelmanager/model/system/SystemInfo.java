package dev.modelmanager.model.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/** What {@code GET /api/v1/system/info} answers for one component. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemInfo(
    String name,
    String version,
    String commit,
    Instant startedAt,
    long uptimeSeconds,
    String store,
    SortedMap<String, String> config,
    Map<String, ComponentStatus> components) {

  /** Another component as seen from the gateway: its health and, when reachable, its info. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ComponentStatus(String url, String status, String error, SystemInfo info) {}
}
