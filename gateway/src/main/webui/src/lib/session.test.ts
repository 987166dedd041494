import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, call } from '../api/client';
import { clearToken, setToken } from './token';
import { CSRF_HEADER, csrfToken, hasSession } from './session';

function clearCookies() {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

/** Stubs fetch; returns the requests it was given. */
function recordFetch(): Request[] {
  const seen: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (r: Request) => {
      seen.push(r);
      return Response.json({ favorites: [], theme: 'dark' });
    }),
  );
  return seen;
}

describe('the browser session', () => {
  afterEach(() => {
    clearCookies();
    clearToken();
    vi.unstubAllGlobals();
  });

  it('reads the CSRF cookie among others', () => {
    document.cookie = 'other=1; path=/';
    document.cookie = 'mm_csrf=abc-123_x; path=/';
    expect(csrfToken()).toBe('abc-123_x');
  });

  it('sends changes on the session with the CSRF header and no Authorization', async () => {
    document.cookie = 'mm_csrf=tok-1; path=/';
    const seen = recordFetch();
    await call(api.PUT('/api/v1/me/preferences', { body: { theme: 'dark' } }));
    await call(api.GET('/api/v1/me/preferences'));
    expect(seen[0].headers.get(CSRF_HEADER)).toBe('tok-1');
    expect(seen[0].headers.get('Authorization')).toBeNull();
    // Reads need no CSRF header.
    expect(seen[1].headers.get(CSRF_HEADER)).toBeNull();
  });

  it('uses the pasted token instead when there is one', async () => {
    document.cookie = 'mm_csrf=tok-2; path=/';
    setToken('mm_abc');
    const seen = recordFetch();
    await call(api.PUT('/api/v1/me/preferences', { body: { theme: 'dark' } }));
    expect(seen[0].headers.get('Authorization')).toBe('Bearer mm_abc');
    expect(seen[0].headers.get(CSRF_HEADER)).toBeNull();
  });

  it('asks /api/v1/me whether a session exists', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ subject: 's', authMethod: 'session' })));
    expect(await hasSession()).toBe(true);
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ status: 401 }, { status: 401 })));
    expect(await hasSession()).toBe(false);
  });
});
