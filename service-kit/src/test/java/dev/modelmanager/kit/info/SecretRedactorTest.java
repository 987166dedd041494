package dev.modelmanager.kit.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {

  @Test
  void secretLookingKeysAreRedactedWhole() {
    assertEquals("***", SecretRedactor.redact("quarkus.datasource.password", "pw"));
    assertEquals("***", SecretRedactor.redact("hf.token", "hf_abc"));
    assertEquals("***", SecretRedactor.redact("mm.github.api-key", "k"));
    assertEquals("***", SecretRedactor.redact("quarkus.oidc.credentials.secret", "s"));
    assertEquals("***", SecretRedactor.redact("kafka.sasl.jaas.config", "x password=\"p\""));
  }

  @Test
  void emptySecretsStayEmptySoOperatorsSeeTheyAreUnset() {
    assertEquals("", SecretRedactor.redact("hf.token", ""));
  }

  @Test
  void credentialsInsideUrlsAreRedacted() {
    assertEquals(
        "postgresql://***@db:5432/mm",
        SecretRedactor.redact("quarkus.datasource.reactive.url", "postgresql://mm:pw@db:5432/mm"));
    assertEquals(
        "https://***@github.com/org/catalog.git",
        SecretRedactor.redact(
            "mm.catalog.repo-url", "https://x-access-token:ghp_123@github.com/org/catalog.git"));
  }

  @Test
  void secretQueryParametersAreRedacted() {
    assertEquals(
        "jdbc:postgresql://db/mm?user=mm&password=***&ssl=true",
        SecretRedactor.redact(
            "quarkus.datasource.jdbc.url", "jdbc:postgresql://db/mm?user=mm&password=pw&ssl=true"));
  }

  @Test
  void ordinaryValuesAreShownAsTheyAre() {
    assertEquals("8080", SecretRedactor.redact("quarkus.http.port", "8080"));
    assertEquals(
        "https://huggingface.co",
        SecretRedactor.redact("mm.hf.endpoint", "https://huggingface.co"));
    assertFalse(SecretRedactor.isSecretKey("mm.outbox.poll-interval"));
    assertTrue(SecretRedactor.isSecretKey("MM_HF_TOKEN"));
  }

  @ParameterizedTest
  @CsvSource({
    "mm.notify.slack.webhook",
    "mm.notify.slackWebhook",
    "mm.github.authorization",
    "mm.signing.key",
    "mm.github.app.private-key",
    "mm.oidc.client.secret",
    "mm.smtp.pass",
    "mm.smtp.passphrase",
    "MM_SMTP_PASSWORD",
    "mm.registry.credentials",
  })
  void keysEndingInASecretWordAreRedactedWhole(String key) {
    assertThat(SecretRedactor.redact(key, "https://hooks.example/T000/B000/XXXX")).isEqualTo("***");
  }

  @Test
  void aPasswordContainingAnAtSignIsHiddenWhole() {
    String shown =
        SecretRedactor.redact(
            "mm.catalog.repo-url", "https://bot:p@ss@w0rd@git.example.com/org/catalog.git");
    assertThat(shown).isEqualTo("https://***@git.example.com/org/catalog.git");
  }

  @Test
  void userinfoWithoutAPasswordIsHiddenToo() {
    assertThat(SecretRedactor.redactValue("https://ghp_tokenAsUser@github.com/x"))
        .isEqualTo("https://***@github.com/x");
  }

  @Test
  void severalUrlsInOneValueAreEachRedacted() {
    assertThat(SecretRedactor.redactValue("kafka://u:a@b@k1:9092,kafka://v:c@k2:9092"))
        .isEqualTo("kafka://***@k1:9092,kafka://***@k2:9092");
  }

  @Test
  void quotedSecretParametersAreRedacted() {
    assertThat(
            SecretRedactor.redactValue(
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"mm\" password=\"s3cr3t\";"))
        .doesNotContain("s3cr3t")
        .contains("username=\"mm\"");
  }

  @Test
  void urlKeysKeepTheirHostAndPath() {
    assertThat(
            SecretRedactor.redact(
                "mm.gateway.services.discovery-service.url", "http://discovery:8081/base"))
        .isEqualTo("http://discovery:8081/base");
  }
}
