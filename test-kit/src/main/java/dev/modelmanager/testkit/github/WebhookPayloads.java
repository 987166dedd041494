package dev.modelmanager.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** GitHub webhook bodies and their {@code X-Hub-Signature-256} header, as GitHub sends them. */
public final class WebhookPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookPayloads() {}

  /** A {@code pull_request} event (X-GitHub-Event: pull_request) for {@code pull}. */
  public static String pullRequest(String action, JsonNode pull, String repo) {
    ObjectNode n = JSON.createObjectNode();
    n.put("action", action);
    n.put("number", pull.path("number").asInt());
    n.set("pull_request", pull);
    n.putObject("repository").put("full_name", repo);
    n.putObject("sender").put("login", "reviewer");
    return n.toString();
  }

  /** A {@code ping} event, sent when a hook is created. */
  public static String ping() {
    return "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
  }

  /** {@code sha256=<hex HMAC-SHA256 of the body with the secret>}. */
  public static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
