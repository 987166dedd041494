package dev.modelmanager.gateway.notify.service;

import dev.modelmanager.gateway.notify.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF guard for webhook and Slack targets: {@code https} only ({@code http} when {@code
 * mm.notify.allow-http}), no credentials in the URL, and every address the host resolves to must be
 * public — loopback, link-local (cloud metadata at 169.254.169.254), private, unique-local,
 * carrier-grade NAT, multicast and unspecified addresses are refused unless allow-listed by {@code
 * mm.notify.allowed-targets}. The sender connects to the very address checked here, so a DNS answer
 * that changes after the check cannot redirect a delivery.
 */
@ApplicationScoped
public class TargetGuard {
  private final boolean allowHttp;
  private final List<String> hostPorts = new ArrayList<>();
  private final List<Cidr> ranges = new ArrayList<>();

  @Inject
  TargetGuard(NotifyConfig config) {
    this(config.allowHttp(), config.allowedTargets().orElse(List.of()));
  }

  public TargetGuard(boolean allowHttp, List<String> allowed) {
    this.allowHttp = allowHttp;
    for (String raw : allowed) {
      String a = raw.trim().toLowerCase(Locale.ROOT);
      if (a.isEmpty()) {
        continue;
      }
      Cidr cidr = Cidr.parse(a);
      if (cidr != null) {
        ranges.add(cidr);
      } else {
        hostPorts.add(a);
      }
    }
  }

  /** A checked target: the URL and the address to connect to. */
  public record Resolved(URI uri, String host, int port, InetAddress address) {}

  /** Refused targets; the message is safe to show (it never contains the URL's path or query). */
  public static class RefusedTarget extends RuntimeException {
    public RefusedTarget(String message) {
      super(message, null, false, false);
    }
  }

  /** Checks {@code url} and resolves it now; throws {@link RefusedTarget} when not allowed. */
  public Resolved check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new RefusedTarget("not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
      throw new RefusedTarget(
          allowHttp ? "the URL must be http or https" : "the URL must be https");
    }
    if (uri.getRawUserInfo() != null) {
      throw new RefusedTarget("credentials in the URL are not allowed");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw new RefusedTarget("the URL has no host");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new RefusedTarget("the host " + host + " does not resolve");
    }
    boolean hostAllowed = hostPorts.contains(host + ":" + port);
    for (InetAddress a : addresses) {
      if (!hostAllowed && !public_(a) && ranges.stream().noneMatch(r -> r.contains(a))) {
        throw new RefusedTarget(
            "the host "
                + host
                + " resolves to "
                + a.getHostAddress()
                + ", a loopback, link-local, private or metadata address; allow-list it in"
                + " MM_NOTIFY_ALLOWED_TARGETS to use it");
      }
    }
    return new Resolved(uri, host, port, addresses[0]);
  }

  /** Whether an address is on the public internet. */
  static boolean public_(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 0/8, 100.64/10 (CGNAT), 192.0.0/24 (IETF), 198.18/15 (benchmark), 240/4 (reserved)
      return first != 0
          && !(first == 100 && second >= 64 && second < 128)
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0)
          && !(first == 198 && (second == 18 || second == 19))
          && first < 240;
    }
    if (a instanceof Inet6Address) {
      // fc00::/7 unique local (fd00:ec2::254 is AWS's metadata), and IPv4-compatible forms.
      if ((b[0] & 0xfe) == 0xfc) {
        return false;
      }
      boolean zeroPrefix = true;
      for (int i = 0; i < 10; i++) {
        zeroPrefix &= b[i] == 0;
      }
      return !zeroPrefix;
    }
    return false;
  }

  /** An IP range in CIDR notation, or one address. */
  record Cidr(byte[] network, int bits) {
    static Cidr parse(String text) {
      String[] parts = text.split("/", 2);
      String ip = parts[0];
      boolean v4 = ip.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
      boolean v6 = ip.matches("[0-9a-f:]+") && ip.chars().filter(c -> c == ':').count() >= 2;
      if (!v4 && !v6) {
        return null; // a host:port entry
      }
      try {
        byte[] net = InetAddress.getByName(ip).getAddress();
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
        return new Cidr(net, bits);
      } catch (UnknownHostException | NumberFormatException e) {
        return null;
      }
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (b[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (b[full] & mask) == (network[full] & mask);
    }
  }
}
