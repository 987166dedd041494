package dev.modelmanager.kit.hf;

/**
 * One logical Hub request across its hops: the URL of the next hop, how many redirects and tries it
 * took, and whether it left the Hub through an absolute redirect (so the token stays home).
 */
public final class HubRequest {
  private final boolean followAbsoluteRedirects;
  private String url;
  private int redirects;
  private int attempt = 1;
  private boolean leftTheHub;

  public HubRequest(String url, boolean followAbsoluteRedirects) {
    this.url = url;
    this.followAbsoluteRedirects = followAbsoluteRedirects;
  }

  public String url() {
    return url;
  }

  public int redirects() {
    return redirects;
  }

  /** 1 for the first try of the current hop. */
  public int attempt() {
    return attempt;
  }

  public boolean followsAbsoluteRedirects() {
    return followAbsoluteRedirects;
  }

  /** Whether an absolute redirect led here (a CDN link: no token). */
  public boolean leftTheHub() {
    return leftTheHub;
  }

  void redirectTo(String next, boolean absolute) {
    url = next;
    redirects++;
    attempt = 1;
    leftTheHub |= absolute;
  }

  void nextAttempt() {
    attempt++;
  }
}
