package dev.modelmanager.kit.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
