package dev.modelmanager.gateway.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver-side verifier written from the Standard Webhooks specification
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md),
 * independent of the gateway's signer: it shares no code with it.
 */
final class StandardWebhooksVerifier {
  private static final Duration TOLERANCE = Duration.ofMinutes(5);
  private final byte[] key;

  StandardWebhooksVerifier(String secret) {
    if (!secret.startsWith("whsec_")) {
      throw new IllegalArgumentException("secrets start with whsec_");
    }
    this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
  }

  /** Throws unless the headers sign this exact body with this secret, within the tolerance. */
  void verify(String body, String msgId, String timestamp, String signatureHeader)
      throws Exception {
    if (msgId == null || timestamp == null || signatureHeader == null) {
      throw new SecurityException("missing webhook-id, webhook-timestamp or webhook-signature");
    }
    Instant ts = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (Duration.between(ts, Instant.now()).abs().compareTo(TOLERANCE) > 0) {
      throw new SecurityException("timestamp outside the tolerance");
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] expected =
        mac.doFinal((msgId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    // The header may carry several space-separated signatures: "v1,<b64> v1,<b64>".
    for (String versioned : signatureHeader.split(" ")) {
      String[] parts = versioned.split(",", 2);
      if (parts.length == 2
          && parts[0].equals("v1")
          && MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), expected)) {
        return;
      }
    }
    throw new SecurityException("no matching signature");
  }
}
