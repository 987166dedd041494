package dev.modelmanager.testkit.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single HTTP handler of the fake hub: records the request, applies latency and status faults,
 * then hands the request to the endpoint handler its path names.
 */
final class HubRouter implements HttpHandler {

  private static final Logger LOG = Logger.getLogger(HubRouter.class.getName());

  private final RequestLog log;
  private final FaultInjector faults;
  private final AdminHandler admin;
  private final ModelApiHandler models;
  private final ResolveHandler resolve;
  private final CdnHandler cdn;

  HubRouter(RepoRegistry registry, RequestLog log, FaultInjector faults, HubSettings settings) {
    this.log = log;
    this.faults = faults;
    ContentStore content = new ContentStore();
    RepoAccess access = new RepoAccess(registry);
    TreeHandler tree = new TreeHandler(access, content, settings::treePageSize);
    this.admin = new AdminHandler(faults, log);
    this.models = new ModelApiHandler(registry, access, tree, settings::modelsPageSize);
    this.resolve = new ResolveHandler(access, content);
    this.cdn = new CdnHandler(content);
  }

  @Override
  public void handle(HttpExchange raw) throws IOException {
    String path = raw.getRequestURI().getPath();
    if (path.startsWith("/_fake/")) {
      HubExchange exchange = new HubExchange(raw, null, null);
      try {
        admin.handle(exchange);
      } finally {
        exchange.close();
      }
      return;
    }
    RecordedRequest record =
        log.record(
            raw.getRequestMethod(),
            path,
            raw.getRequestURI().getRawQuery(),
            raw.getRequestHeaders().getFirst("Range"),
            HubExchange.bearerToken(raw.getRequestHeaders().getFirst("Authorization")));
    HubExchange exchange = new HubExchange(raw, record, faults);
    try {
      serve(exchange);
    } catch (BodyWriter.TruncatedBody | InterruptedIOException e) {
      // Propagating makes the HTTP server drop the connection mid-body, as the fault intends.
      throw e;
    } catch (IOException e) {
      LOG.log(Level.FINE, "client went away during " + record, e);
      throw e;
    } catch (RuntimeException | Error e) {
      // Answer 500 rather than leave the client waiting on an exchange that is never closed.
      LOG.log(Level.WARNING, "fake hub failed on " + record, e);
      if (!exchange.responded()) {
        exchange.sendError(
            500, null, "Internal Error - We're working hard to fix this as soon as possible!");
      }
    }
    exchange.close();
  }

  private void serve(HubExchange exchange) throws IOException {
    sleep(faults.takeLatency(exchange.path()));
    Optional<Fault> statusFault = faults.takeStatusFault(exchange.path());
    if (statusFault.isPresent()) {
      sendStatusFault(exchange, statusFault.get());
      return;
    }
    List<String> segments = exchange.segments();
    String method = exchange.method();
    boolean read = method.equals("GET") || method.equals("HEAD");
    boolean pathsInfo =
        method.equals("POST") && segments.size() > 4 && segments.contains("paths-info");
    if (!read && !pathsInfo) {
      exchange.sendError(405, null, "Method not allowed");
    } else if (segments.size() >= 2
        && segments.get(0).equals("api")
        && segments.get(1).equals("models")) {
      models.handle(exchange);
    } else if (!segments.isEmpty() && segments.get(0).equals("cdn")) {
      cdn.handle(exchange);
    } else if (ResolveHandler.accepts(segments)) {
      resolve.handle(exchange);
    } else {
      exchange.sendError(404, null, "Sorry, we can't find the page you are looking for.");
    }
  }

  private static void sendStatusFault(HubExchange exchange, Fault fault) throws IOException {
    if (fault.type() == Fault.Type.RATE_LIMIT) {
      exchange.header("Retry-After", Long.toString(fault.amount()));
      exchange.sendError(
          429,
          null,
          "You have been rate-limited; you can retry this action in about "
              + fault.amount()
              + " seconds.");
    } else {
      exchange.sendError(
          (int) fault.amount(),
          null,
          "Internal Error - We're working hard to fix this as soon as possible!");
    }
  }

  private static void sleep(long millis) throws InterruptedIOException {
    if (millis <= 0) {
      return;
    }
    try {
      // The fake hub's configured latency: a real server-side delay that the clients must ride out.
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("latency interrupted");
    }
  }
}
