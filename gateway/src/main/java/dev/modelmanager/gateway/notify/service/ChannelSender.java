package dev.modelmanager.gateway.notify.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.notify.config.NotifyConfig;
import dev.modelmanager.gateway.notify.domain.Backoff;
import dev.modelmanager.gateway.notify.domain.Channel;
import dev.modelmanager.gateway.notify.domain.DigestMessage;
import dev.modelmanager.gateway.notify.domain.EventMessage;
import dev.modelmanager.gateway.notify.domain.WebhookSignature;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one event to one channel: a signed CloudEvent to a webhook, a Block Kit message to Slack,
 * an email over the SMTP relay. HTTP goes to the address the {@link TargetGuard} checked (the
 * connection is pinned to it), with no redirects followed.
 */
@ApplicationScoped
public class ChannelSender {
  static final String USER_AGENT = "ModelManager-Notifications/0.1";
  private static final int ERROR_BODY_CHARS = 200;

  private final TargetGuard guard;
  private final ReactiveMailer mailer;
  private final NotifyConfig config;
  private final ObjectMapper mapper;
  private final HttpClient http;

  ChannelSender(
      TargetGuard guard,
      ReactiveMailer mailer,
      NotifyConfig config,
      ObjectMapper mapper,
      Vertx vertx) {
    this.guard = guard;
    this.mailer = mailer;
    this.config = config;
    this.mapper = mapper;
    int timeout = (int) config.requestTimeout().toMillis();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout(timeout)
                .setVerifyHost(true)
                .setKeepAlive(true)
                .setMaxPoolSize(32));
  }

  @PreDestroy
  void close() {
    http.closeAndAwait();
  }

  /**
   * Sends {@code eventJson} (a structured CloudEvent) to {@code channel}. Blocking only for the DNS
   * lookup of the SSRF check: call it from a worker thread, never from an event loop.
   */
  public Uni<Attempt> send(Channel channel, String eventJson) {
    long start = System.nanoTime();
    JsonNode event;
    try {
      event = mapper.readTree(eventJson);
    } catch (IOException e) {
      return Uni.createFrom().item(Attempt.failed("the stored event is not JSON", 0));
    }
    try {
      return switch (channel.type()) {
        case WEBHOOK -> webhook(channel, event, eventJson, start);
        case SLACK -> slack(channel, event, start);
        case EMAIL -> email(channel, event, start);
      };
    } catch (TargetGuard.RefusedTarget refused) {
      return Uni.createFrom().item(Attempt.failed("target refused: " + refused.getMessage(), 0));
    }
  }

  private Uni<Attempt> webhook(Channel c, JsonNode event, String body, long start) {
    TargetGuard.Resolved target = guard.check(c.target());
    String id = event.path("id").asText();
    long ts = Instant.now().getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/cloudevents+json");
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", Long.toString(ts));
    headers.put("webhook-signature", WebhookSignature.sign(c.secret(), id, ts, body));
    return post(target, headers, body, start);
  }

  private Uni<Attempt> slack(Channel c, JsonNode event, long start) {
    TargetGuard.Resolved target = guard.check(c.target());
    String body = message(event).slack().toString();
    return post(target, Map.of("content-type", "application/json"), body, start);
  }

  private Uni<Attempt> email(Channel c, JsonNode event, long start) {
    EventMessage m = message(event);
    Mail mail =
        Mail.withText(c.target(), m.emailSubject(), m.emailText())
            .setHtml(m.emailHtml())
            .setFrom(config.emailFrom())
            .addHeader("X-ModelManager-Event-Id", m.eventId());
    return mail(mail, start);
  }

  /**
   * Sends one digest email listing {@code eventJsons} (structured CloudEvents, oldest first) to an
   * email channel. Its {@code X-ModelManager-Digest-Id} lets a reader spot a resend after a crash.
   */
  public Uni<Attempt> sendDigest(Channel channel, String digestId, List<String> eventJsons) {
    long start = System.nanoTime();
    List<EventMessage> events = new ArrayList<>();
    for (String json : eventJsons) {
      try {
        events.add(message(mapper.readTree(json)));
      } catch (IOException e) {
        return Uni.createFrom().item(Attempt.failed("a stored event is not JSON", 0));
      }
    }
    DigestMessage digest = new DigestMessage(events);
    Mail mail =
        Mail.withText(channel.target(), digest.subject(), digest.text())
            .setHtml(digest.html())
            .setFrom(config.emailFrom())
            .addHeader("X-ModelManager-Digest-Id", digestId);
    return mail(mail, start);
  }

  private Uni<Attempt> mail(Mail mail, long start) {
    return mailer
        .send(mail)
        .map(ok -> new Attempt(true, null, null, null, elapsed(start)))
        .onFailure()
        .recoverWithItem(
            e ->
                Attempt.failed(
                    "SMTP: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    elapsed(start)));
  }

  EventMessage message(JsonNode event) {
    JsonNode time = event.get("time");
    return EventMessage.of(
        event.path("id").asText(),
        event.path("type").asText(),
        event.hasNonNull("subject") ? event.get("subject").asText() : null,
        time == null || time.isNull() ? null : Instant.parse(time.asText()),
        event.get("data"),
        config.uiBaseUrl());
  }

  private Uni<Attempt> post(
      TargetGuard.Resolved target, Map<String, String> headers, String body, long start) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(target.uri().toString())
            // Connect to the address the guard checked, not to a fresh DNS answer.
            .setServer(
                SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
            .setFollowRedirects(false)
            .setTimeout(config.requestTimeout().toMillis())
            .addHeader("user-agent", USER_AGENT);
    headers.forEach(options::addHeader);
    return http.request(options)
        .chain((HttpClientRequest req) -> req.send(body))
        .chain(
            resp ->
                resp.body()
                    .map(
                        buf -> {
                          int code = resp.statusCode();
                          if (code >= 200 && code < 300) {
                            return new Attempt(true, code, null, null, elapsed(start));
                          }
                          String text = buf.toString();
                          if (text.length() > ERROR_BODY_CHARS) {
                            text = text.substring(0, ERROR_BODY_CHARS) + "…";
                          }
                          return new Attempt(
                              false,
                              code,
                              "HTTP " + code + (text.isBlank() ? "" : ": " + text.strip()),
                              Backoff.parseRetryAfter(resp.getHeader("retry-after"), Instant.now()),
                              elapsed(start));
                        }))
        .onFailure()
        .recoverWithItem(
            e ->
                Attempt.failed(
                    e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    elapsed(start)));
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
