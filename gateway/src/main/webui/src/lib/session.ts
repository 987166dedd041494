// The browser session (OIDC sign-in through the gateway): an HttpOnly cookie the browser sends by
// itself on same-origin calls, so the console needs no token then. Changes made on the session must
// repeat the gateway's CSRF cookie in a header (double submit); GET /api/v1/auth/config names both.

export const CSRF_COOKIE = 'mm_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token the gateway set when the sign-in landed, or null. */
export function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === CSRF_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value ? decodeURIComponent(value) : null;
    }
  }
  return null;
}

/** Adds the CSRF header to an unsafe request when the cookie is there. */
export function addCsrf(method: string, headers: Headers): void {
  const token = csrfToken();
  if (token && !SAFE.has(method.toUpperCase())) headers.set(CSRF_HEADER, token);
}

export interface SignInOptions {
  oidc: boolean;
  providerName?: string;
  loginPath?: string;
  logoutPath?: string;
}

/** What the gateway offers besides the pasted token (public, asked before signing in). */
export async function signInOptions(): Promise<SignInOptions> {
  try {
    const r = await fetch('/api/v1/auth/config', { headers: { Accept: 'application/json' } });
    if (!r.ok) return { oidc: false };
    const body = (await r.json()) as Partial<SignInOptions> | null;
    return body && body.oidc ? { ...body, oidc: true } : { oidc: false };
  } catch {
    return { oidc: false };
  }
}

/** Whether the browser already has a session the API accepts (GET /api/v1/me decides). */
export async function hasSession(): Promise<boolean> {
  try {
    const r = await fetch('/api/v1/me', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    return r.ok;
  } catch {
    return false;
  }
}

/** Full-page navigation (a seam for tests: jsdom cannot navigate). */
export const browser = { visit: (url: string) => window.location.assign(url) };

/** Ends the session at the gateway and the provider (a full-page visit: the provider's logout). */
export function endSession(logoutPath = '/auth/logout'): void {
  browser.visit(logoutPath);
}
