import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies exported audit records offline, with nothing but the JDK (17+) and the gateway's audit
 * public key: {@code java bin/AuditVerify.java <export.jsonl> <public-key.pem>}, or {@code bin/mm
 * audit-verify …}. Reads the jsonl (or json array) of {@code GET /api/v1/audit/export} or {@code GET
 * /api/v1/audit/history/…}, rebuilds each record's canonical form as docs/audit.md specifies,
 * checks that its SHA-256 is the record's {@code hash}, that it was signed by this key ({@code
 * keyId}) and that its Ed25519 {@code signature} holds; records with consecutive ids must also be
 * linked ({@code prevHash} = the previous record's {@code hash}). Exit status 0 when every record
 * verifies, 1 when one does not, 2 on a usage or input error.
 *
 * <p>Deliberately independent of the gateway's code: its own JSON reader and writer, so a third
 * party can read (and port) exactly what is checked.
 */
public final class AuditVerify {
  private AuditVerify() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: java AuditVerify.java <export.jsonl|export.json> <public-key.pem>");
      System.exit(2);
    }
    try {
      PublicKey key = publicKey(Files.readString(Path.of(args[1])));
      System.exit(verify(records(Files.readString(Path.of(args[0]))), key) ? 0 : 1);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // A file that is not an export (not JSON, a record without an id, …) or not an Ed25519 PEM.
      System.err.println("audit-verify: " + e);
      System.exit(2);
    }
  }

  /** Checks every record, printing one line per failure and a summary; true when all hold. */
  static boolean verify(List<Map<String, Object>> records, PublicKey key)
      throws GeneralSecurityException {
    String keyId = sha256(key.getEncoded()).substring(0, 16);
    int failed = 0;
    int links = 0;
    Long previousId = null;
    String previousHash = null;
    for (int i = 0; i < records.size(); i++) {
      Map<String, Object> r = records.get(i);
      long id = ((Number) r.get("id")).longValue();
      String problem = check(r, key, keyId);
      if (problem == null && previousId != null && previousId == id - 1) {
        links++;
        if (!String.valueOf(r.get("prevHash")).equals(previousHash)) {
          problem = "prevHash is not the hash of record " + previousId + " (the chain is broken)";
        }
      }
      if (problem != null) {
        failed++;
        System.out.println("record " + (i + 1) + " (id " + id + "): " + problem);
      }
      previousId = id;
      previousHash = String.valueOf(r.get("hash"));
    }
    if (failed > 0) {
      System.out.println("FAILED: " + failed + " of " + records.size() + " records do not verify");
      return false;
    }
    System.out.println(
        "OK: "
            + records.size()
            + " records signed by key "
            + keyId
            + ", "
            + links
            + " links between consecutive ids checked");
    return true;
  }

  /** Why {@code r} does not verify on its own, or null when it does. */
  static String check(Map<String, Object> r, PublicKey key, String keyId)
      throws GeneralSecurityException {
    byte[] canonical = canonical(r).getBytes(StandardCharsets.UTF_8);
    if (!sha256(canonical).equals(r.get("hash"))) {
      return "its content does not hash to its hash (the record was changed)";
    }
    if (!keyId.equals(r.get("keyId"))) {
      return "signed by key " + r.get("keyId") + ", not by this public key (" + keyId + ")";
    }
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(key);
    ed25519.update(canonical);
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(String.valueOf(r.get("signature")));
    } catch (IllegalArgumentException e) {
      return "its signature is not base64";
    }
    return ed25519.verify(signature) ? null : "the signature does not verify";
  }

  /**
   * The signed bytes' text: compact JSON with these keys in this order, {@code seq} the record's
   * {@code id}, {@code details} only when the record has details (keys sorted), the rest strings
   * or null.
   */
  static String canonical(Map<String, Object> r) {
    StringBuilder out = new StringBuilder("{\"seq\":").append(((Number) r.get("id")).longValue());
    for (String f :
        List.of("time", "kind", "actorSubject", "actorName", "authMethod", "tokenId", "action")) {
      field(out, f, r.get(f));
    }
    out.append(",\"targets\":[");
    List<?> targets = r.get("targets") instanceof List<?> l ? l : List.of();
    for (int i = 0; i < targets.size(); i++) {
      out.append(i == 0 ? "" : ",");
      string(out, String.valueOf(targets.get(i)));
    }
    out.append(']');
    for (String f : List.of("outcome", "requestId", "clientAddress", "eventId")) {
      field(out, f, r.get(f));
    }
    if (r.get("details") instanceof Map<?, ?> details && !details.isEmpty()) {
      out.append(",\"details\":{");
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(details).entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        string(out, String.valueOf(e.getKey()));
        out.append(':');
        string(out, String.valueOf(e.getValue()));
      }
      out.append('}');
    }
    field(out, "prevHash", r.get("prevHash"));
    field(out, "keyId", r.get("keyId"));
    return out.append('}').toString();
  }

  private static void field(StringBuilder out, String name, Object value) {
    out.append(",\"").append(name).append("\":");
    if (value == null) {
      out.append("null");
    } else {
      string(out, String.valueOf(value));
    }
  }

  /** A JSON string as the gateway writes it: {@code " \ } and control characters escaped. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  static PublicKey publicKey(String pem) throws GeneralSecurityException {
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  static String sha256(byte[] data) throws GeneralSecurityException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** The records of a jsonl file (one object per line) or of a json array. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> records(String text) {
    List<Map<String, Object>> records = new ArrayList<>();
    if (text.strip().startsWith("[")) {
      for (Object o : (List<Object>) new Json(text.strip()).document()) {
        records.add((Map<String, Object>) o);
      }
      return records;
    }
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        records.add((Map<String, Object>) new Json(line.strip()).document());
      }
    }
    return records;
  }

  /** A small JSON reader: objects (key order kept), arrays, strings, numbers, literals. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object document() {
      Object v = value();
      space();
      if (i != s.length()) {
        throw error("text after the JSON value");
      }
      return v;
    }

    private Object value() {
      space();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      if (c == '{') {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        space();
        if (peek('}')) {
          return m;
        }
        do {
          space();
          String k = string();
          space();
          expect(':');
          m.put(k, value());
          space();
        } while (peek(','));
        expect('}');
        return m;
      }
      if (c == '[') {
        List<Object> l = new ArrayList<>();
        i++;
        space();
        if (peek(']')) {
          return l;
        }
        do {
          l.add(value());
          space();
        } while (peek(','));
        expect(']');
        return l;
      }
      if (c == '"') {
        return string();
      }
      for (String literal : List.of("true", "false", "null")) {
        if (s.startsWith(literal, i)) {
          i += literal.length();
          return literal.equals("null") ? null : Boolean.valueOf(literal);
        }
      }
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (start == i) {
        throw error("unexpected character '" + c + "'");
      }
      BigDecimal n = new BigDecimal(s.substring(start, i));
      return n.scale() <= 0 ? (Number) n.longValueExact() : n;
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> b.append(e);
        }
      }
    }

    private void space() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private boolean peek(char c) {
      if (i < s.length() && s.charAt(i) == c) {
        i++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException("not JSON at character " + i + ": " + what);
    }
  }
}
