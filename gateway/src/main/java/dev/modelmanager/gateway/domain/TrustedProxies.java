package dev.modelmanager.gateway.domain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The peers whose {@code X-Forwarded-*} headers the gateway believes: exact addresses or CIDR
 * ranges, IPv4 or IPv6. Entries are parsed as literals only (never resolved through DNS).
 */
public final class TrustedProxies {
  private final List<Range> ranges;

  private record Range(BigInteger network, int bits, int length) {
    boolean contains(byte[] address) {
      if (address.length != length) {
        return false;
      }
      int shift = length * 8 - bits;
      return new BigInteger(1, address).shiftRight(shift).equals(network.shiftRight(shift));
    }
  }

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  /** Parses {@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code fd00::/8}; rejects anything else. */
  public static TrustedProxies of(List<String> entries) {
    return new TrustedProxies(entries.stream().map(TrustedProxies::parse).toList());
  }

  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /** True when {@code peer} (an IP literal) lies in one of the ranges. */
  public boolean trusts(String peer) {
    if (peer == null || ranges.isEmpty()) {
      return false;
    }
    byte[] address = literal(peer);
    return address != null && ranges.stream().anyMatch(r -> r.contains(address));
  }

  /**
   * The client's address: the peer itself, unless the peer is a trusted proxy; then the right-most
   * address of {@code X-Forwarded-For} that is not a trusted proxy (a client cannot choose it by
   * sending its own header: a trusted proxy appends the address it saw). A hop that is not an IP
   * literal ends the walk at the last trusted address.
   */
  public String clientOf(String peer, String forwardedFor) {
    if (forwardedFor == null || forwardedFor.isBlank() || !trusts(peer)) {
      return peer;
    }
    String client = peer;
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (literal(hop) == null) {
        return client;
      }
      client = hop;
      if (!trusts(hop)) {
        return hop;
      }
    }
    return client;
  }

  private static Range parse(String entry) {
    String text = entry.trim();
    int slash = text.indexOf('/');
    byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("not an IP address or CIDR range: " + entry);
    }
    int max = address.length * 8;
    int bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
    if (bits < 0 || bits > max) {
      throw new IllegalArgumentException("bad prefix length in " + entry);
    }
    return new Range(new BigInteger(1, address), bits, address.length);
  }

  private static byte[] literal(String text) {
    String t =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    // Only literals: a name would make InetAddress ask DNS.
    if (!t.matches("[0-9.]+") && !t.matches("[0-9a-fA-F:.%]+")) {
      return null;
    }
    if (t.matches("[0-9.]+") && !t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    }
    try {
      return InetAddress.getByName(t).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
