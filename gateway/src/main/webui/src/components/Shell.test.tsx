import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Shell } from './Shell';
import { eventVariant } from './NotificationsDrawer';
import { ADMIN, mockApi, renderPage } from '../test-utils';
import { browser } from '../lib/session';

function sse(text: string): Response {
  // The events, then a stream that stays open like the server's.
  const body = new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode(text));
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

const EVENTS =
  'id: 1\nevent: e\ndata: {"id":"1","type":"dev.modelmanager.weights.install.succeeded","subject":"mm-demo/tiny-llama","receivedAt":"2026-11-30T10:01:00Z"}\n\n' +
  'id: 2\nevent: e\ndata: {"id":"2","type":"dev.modelmanager.deploy.revision.failed","subject":"chat","receivedAt":"2026-11-30T10:02:00Z"}\n\n';

// The log's newest events: one is also a live one (shown once), one is older than the read mark.
const LOG = {
  items: [
    { id: '2', type: 'dev.modelmanager.deploy.revision.failed', subject: 'chat', receivedAt: '2026-11-30T10:02:00Z' },
    { id: '0', type: 'dev.modelmanager.catalog.entry.added', subject: 'tiny-llama', receivedAt: '2026-11-30T09:59:00Z' },
  ],
};

describe('eventVariant', () => {
  it('marks failures as danger and successes as success', () => {
    expect(eventVariant('dev.modelmanager.deploy.revision.failed')).toBe('danger');
    expect(eventVariant('dev.modelmanager.weights.install.succeeded')).toBe('success');
    expect(eventVariant('dev.modelmanager.weights.install.progressed')).toBe('info');
  });
});

describe('Shell', () => {
  it('counts events after the stored read mark as unread, lists them and saves the new mark', async () => {
    let streams = 0;
    let prefs: Record<string, unknown> = {
      favorites: ['org/fav'],
      theme: 'dark',
      lastSeenEventAt: '2026-11-30T10:00:00Z',
    };
    const calls = mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/me/preferences': () => prefs,
      'PUT /api/v1/me/preferences': (r) => (prefs = r.body as Record<string, unknown>),
      'GET /api/v1/events/stream': () => (streams++ === 0 ? sse(EVENTS) : sse('')),
      'GET /api/v1/events': () => LOG,
    });
    renderPage(<Shell>page</Shell>);
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    await userEvent.click(bell);
    const list = await screen.findByRole('list', { name: 'Recent events' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('deploy revision failed');
    expect(items[0]).toHaveTextContent('chat');
    expect(items[1]).toHaveTextContent('weights install succeeded');
    expect(within(list).getByText('catalog entry added')).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    // The log was asked for the newest 50, and again when the drawer opened.
    expect(calls.filter((c) => c.path === '/api/v1/events').length).toBeGreaterThanOrEqual(2);
    expect(calls.find((c) => c.path === '/api/v1/events')!.query.get('limit')).toBe('50');

    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    const put = await vi.waitFor(() => {
      const c = calls.find((x) => x.method === 'PUT' && x.path === '/api/v1/me/preferences');
      expect(c).toBeDefined();
      return c!;
    });
    // The newest event's receivedAt, and the rest of the preferences kept.
    expect(put.body).toMatchObject({ lastSeenEventAt: '2026-11-30T10:02:00Z', theme: 'dark', favorites: ['org/fav'] });
    document.documentElement.classList.remove('pf-v6-theme-dark');
  });

  it('keeps the unread count across reloads: the mark comes from the server, the events from the log', async () => {
    mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/me/preferences': () => ({ favorites: [], theme: 'system', lastSeenEventAt: '2026-11-30T10:00:00Z' }),
      'GET /api/v1/events/stream': () => sse(''),
      'GET /api/v1/events': () => LOG,
    });
    renderPage(<Shell>page</Shell>);
    // No live event since the page loaded, yet the one logged after the mark is unread.
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    await userEvent.click(bell);
    const list = await screen.findByRole('list', { name: 'Recent events' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
  });

  it('jumps to a model search from the masthead, and "/" focuses the box', async () => {
    mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/me/preferences': () => ({ favorites: [], theme: 'system' }),
      'GET /api/v1/events/stream': () => sse(''),
    });
    renderPage(<Shell>page</Shell>, '/weights');
    const box = screen.getByRole('combobox', { name: /Search models/ });
    expect(box).not.toHaveFocus();
    await userEvent.keyboard('/');
    expect(box).toHaveFocus();
    await userEvent.type(box, 'qwen 7b{Enter}');
    await vi.waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/discover?q=qwen%207b'));
  });

  it('applies the theme saved on the server', async () => {
    mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/me/preferences': () => ({ favorites: [], theme: 'dark' }),
      'GET /api/v1/events/stream': () => sse(''),
    });
    renderPage(<Shell>page</Shell>);
    await vi.waitFor(() => expect(document.documentElement).toHaveClass('pf-v6-theme-dark'));
    document.documentElement.classList.remove('pf-v6-theme-dark');
    localStorage.clear();
  });

  it('signs a session out at the gateway (and the provider), a token by forgetting it', async () => {
    mockApi({
      'GET /api/v1/me': () => ({ ...ADMIN, authMethod: 'session' }),
      'GET /api/v1/me/preferences': () => ({ favorites: [], theme: 'system' }),
      'GET /api/v1/events/stream': () => sse(''),
      'GET /api/v1/events': () => ({ items: [] }),
    });
    const visit = vi.spyOn(browser, 'visit').mockImplementation(() => {});
    const signedOut = vi.fn();
    window.addEventListener('mm:signed-out', signedOut);
    renderPage(<Shell>page</Shell>);
    await screen.findByTestId('who-am-i');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(visit).toHaveBeenCalledWith('/auth/logout');
    expect(signedOut).not.toHaveBeenCalled();
    window.removeEventListener('mm:signed-out', signedOut);
    visit.mockRestore();
  });
});
