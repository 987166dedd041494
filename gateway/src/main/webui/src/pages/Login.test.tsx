import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Login } from './Login';
import { getToken } from '../lib/token';

describe('Login', () => {
  it('shows the problem detail of a refused token and keeps nothing', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { title: 'Unauthorized', status: 401, detail: 'The token is unknown, revoked or expired' },
          { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const onSignedIn = vi.fn();
    render(<Login onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText(/API token/), 'mm_wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('The token is unknown, revoked or expired')).toBeInTheDocument();
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(getToken()).toBeNull();
    vi.unstubAllGlobals();
  });

  it('checks the token with /api/v1/me and keeps it for the session', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
      Response.json({ subject: 'admin', roles: ['admin'], scopes: ['*'] }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const onSignedIn = vi.fn();
    render(<Login onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText(/API token/), '  mm_good  ');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    const check = fetchMock.mock.calls.find((c) => c[0] === '/api/v1/me');
    expect(check).toBeDefined();
    expect(new Headers(check![1]!.headers).get('Authorization')).toBe('Bearer mm_good');
    expect(getToken()).toBe('mm_good');
    vi.unstubAllGlobals();
  });

  it('offers the OIDC sign-in the gateway has configured, next to the token', async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url === '/api/v1/auth/config'
        ? Response.json({ oidc: true, providerName: 'Keycloak', loginPath: '/auth/login', logoutPath: '/auth/logout' })
        : Response.json({ title: 'Unauthorized', status: 401 }, { status: 401 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    render(<Login onSignedIn={vi.fn()} />);
    const sso = await screen.findByRole('link', { name: 'Sign in with Keycloak' });
    // A full-page visit: the gateway runs the authorization-code flow and lands back signed in.
    expect(sso).toHaveAttribute('href', '/auth/login');
    expect(screen.getByRole('button', { name: 'Sign in with the token' })).toBeInTheDocument();
    expect(screen.getByLabelText(/API token/)).toBeInTheDocument();
    vi.unstubAllGlobals();
  });

  it('offers only the token when the gateway has no OIDC sign-in', async () => {
    const fetchMock = vi.fn(async () => Response.json({ oidc: false, csrfCookie: 'mm_csrf' }));
    vi.stubGlobal('fetch', fetchMock);
    render(<Login onSignedIn={vi.fn()} />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledWith('/api/v1/auth/config', expect.anything()));
    expect(screen.queryByRole('link', { name: /Sign in with/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    vi.unstubAllGlobals();
  });
});
