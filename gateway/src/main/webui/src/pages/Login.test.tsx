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
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/me');
    expect(new Headers(fetchMock.mock.calls[0][1]!.headers).get('Authorization')).toBe('Bearer mm_good');
    expect(getToken()).toBe('mm_good');
    vi.unstubAllGlobals();
  });
});
