package dev.modelmanager.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.model.security.ApiTokenFormat;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ApiTokenFormatTest {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** The checksum as the format defines it: CRC32 of the secret in base62, 6 digits. */
  private static String expectedChecksum(String secret) {
    CRC32 crc = new CRC32();
    crc.update(secret.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder();
    BigInteger v = BigInteger.valueOf(crc.getValue());
    while (v.signum() > 0) {
      BigInteger[] qr = v.divideAndRemainder(BigInteger.valueOf(62));
      out.append(ALPHABET.charAt(qr[1].intValue()));
      v = qr[0];
    }
    while (out.length() < 6) {
      out.append('0');
    }
    return out.reverse().toString();
  }

  @Test
  void generatedTokensCarryTheCrc32OfTheirSecretInBase62() {
    for (int i = 0; i < 2_000; i++) {
      String token = ApiTokenFormat.generate();
      assertThat(token).startsWith("mm_").hasSize(3 + 43 + 6);
      String secret = token.substring(3, 46);
      assertThat(token.substring(46)).isEqualTo(expectedChecksum(secret));
      assertThat(ApiTokenFormat.wellFormed(token)).isTrue();
    }
  }

  @Test
  void aMistypedCharacterBreaksTheChecksum() {
    String token = ApiTokenFormat.generate();
    char c = token.charAt(10);
    String typo = token.substring(0, 10) + (c == 'a' ? 'b' : 'a') + token.substring(11);
    assertThat(ApiTokenFormat.wellFormed(typo)).isFalse();
    assertThat(ApiTokenFormat.wellFormed(token.substring(0, token.length() - 1))).isFalse();
    assertThat(ApiTokenFormat.wellFormed(null)).isFalse();
  }

  @Test
  void onlyTheExactShapeIsWellFormed() {
    String token = ApiTokenFormat.generate();
    assertThat(ApiTokenFormat.wellFormed("xx_" + token.substring(3))).isFalse();
    assertThat(ApiTokenFormat.wellFormed(token + "0")).isFalse();
    assertThat(ApiTokenFormat.wellFormed("")).isFalse();
    // A character outside base62, in the secret and in the checksum.
    assertThat(ApiTokenFormat.wellFormed(token.substring(0, 5) + "-" + token.substring(6)))
        .isFalse();
    assertThat(ApiTokenFormat.wellFormed(token.substring(0, 50) + "_" + token.substring(51)))
        .isFalse();
    // A checksum that is right for another secret.
    String other = ApiTokenFormat.generate();
    assertThat(ApiTokenFormat.wellFormed(token.substring(0, 46) + other.substring(46)))
        .isEqualTo(token.substring(46).equals(other.substring(46)));
  }

  /** The stored form is the token's SHA-256 in hex, the same on every call and every thread. */
  @Test
  void theStoredFormIsTheSha256OfTheToken() throws Exception {
    String expected = "3681ba5cf12597443ae5fcc80127576a7dac43f07f5fd48cd4c8e0d90e5660a4";
    assertThat(ApiTokenFormat.hash("mm_example")).isEqualTo(expected);
    assertThat(ApiTokenFormat.hash("mm_example")).isEqualTo(expected);
    assertThat(ApiTokenFormat.hash("mm_other")).isNotEqualTo(expected);
    String[] onAnotherThread = new String[1];
    Thread thread = new Thread(() -> onAnotherThread[0] = ApiTokenFormat.hash("mm_example"));
    thread.start();
    thread.join();
    assertThat(onAnotherThread[0]).isEqualTo(expected);
  }
}
