package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The test-control endpoints under {@code /_fake/}: {@code GET|POST|DELETE /_fake/faults} and
 * {@code GET|DELETE /_fake/requests}. They are neither logged nor subject to faults.
 *
 * <p>POST takes one fault or an array of faults, each {@code {"type": ..., "path": "glob or
 * regex:...", "times": n}} plus by type: {@code latency {ms}}, {@code rateLimit
 * {retryAfterSeconds}}, {@code serverError {status}}, {@code truncate {afterBytes}}, {@code corrupt
 * {offset, length}}, {@code stall {afterBytes, ms}}.
 */
final class AdminHandler {

  private final FaultInjector faults;
  private final RequestLog log;

  AdminHandler(FaultInjector faults, RequestLog log) {
    this.faults = faults;
    this.log = log;
  }

  void handle(HubExchange exchange) throws IOException {
    String target = exchange.path();
    String method = exchange.method();
    if (target.equals("/_fake/faults")) {
      switch (method) {
        case "GET" -> exchange.sendJson(200, faults.toJson(HubExchange.JSON));
        case "POST" -> addFaults(exchange);
        case "DELETE" -> {
          faults.clear();
          exchange.sendJson(200, faults.toJson(HubExchange.JSON));
        }
        default -> exchange.sendError(405, null, "Method not allowed");
      }
    } else if (target.equals("/_fake/requests")) {
      switch (method) {
        case "GET" -> exchange.sendJson(200, log.toJson(HubExchange.JSON));
        case "DELETE" -> {
          log.clear();
          exchange.sendJson(200, log.toJson(HubExchange.JSON));
        }
        default -> exchange.sendError(405, null, "Method not allowed");
      }
    } else {
      exchange.sendError(404, null, "Unknown admin endpoint " + target);
    }
  }

  /** Accepts one fault object or an array of them; answers with the active faults. */
  private void addFaults(HubExchange exchange) throws IOException {
    JsonNode body;
    try {
      body = HubExchange.JSON.readTree(exchange.readBody());
      if (body == null) {
        throw new IllegalArgumentException("empty body");
      }
      if (body.isArray()) {
        for (JsonNode item : body) {
          Fault.fromJson(item);
        }
        body.forEach(item -> faults.add(Fault.fromJson(item)));
      } else {
        faults.add(Fault.fromJson(body));
      }
    } catch (IOException | IllegalArgumentException e) {
      exchange.sendError(400, null, "Bad fault: " + e.getMessage());
      return;
    }
    exchange.sendJson(201, faults.toJson(HubExchange.JSON));
  }
}
