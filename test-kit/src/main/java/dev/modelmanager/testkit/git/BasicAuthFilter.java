package dev.modelmanager.testkit.git;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** HTTP basic auth for every request: any user name, the token as password. */
final class BasicAuthFilter implements Filter {
  private volatile byte[] token;

  BasicAuthFilter(String token) {
    token(token);
  }

  void token(String value) {
    this.token = value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (http.getRequestURI().startsWith("/_admin/")
        || authorized(http.getHeader("Authorization"))) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse out = (HttpServletResponse) response;
    out.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
    out.sendError(401, "Authentication required");
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon >= 0
        && MessageDigest.isEqual(
            decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8), token);
  }
}
