package dev.modelmanager.gateway.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP receiver on 127.0.0.1 for webhook and Slack deliveries: records every request and answers
 * with the scripted statuses (then 200).
 */
final class Receiver implements AutoCloseable {
  record Request(String path, Map<String, String> headers, String body, int answeredWith) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  record Answer(int status, Map<String, String> headers) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Answer>> scripts = new java.util.concurrent.ConcurrentHashMap<>();

  Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
          Deque<Answer> script = scripts.get(exchange.getRequestURI().getPath());
          Answer a = script == null ? null : script.poll();
          if (a == null) {
            a = new Answer(200, Map.of());
          }
          requests.add(
              new Request(
                  exchange.getRequestURI().getPath(),
                  headers,
                  new String(body, StandardCharsets.UTF_8),
                  a.status()));
          a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          byte[] answer = ("status " + a.status()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(a.status(), answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next answers to requests for {@code path}, in order; afterwards 200. */
  void script(String path, Answer... answers) {
    scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
  }

  List<Request> requests(String path) {
    List<Request> out = new ArrayList<>();
    for (Request r : requests) {
      if (r.path().equals(path)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
