import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Shell } from './Shell';
import { eventVariant } from './NotificationsDrawer';
import { ADMIN, mockApi, renderPage } from '../test-utils';

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
  'id: 1\nevent: e\ndata: {"id":"1","type":"dev.modelmanager.weights.install.succeeded","subject":"mm-demo/tiny-llama"}\n\n' +
  'id: 2\nevent: e\ndata: {"id":"2","type":"dev.modelmanager.deploy.revision.failed","subject":"chat"}\n\n';

describe('eventVariant', () => {
  it('marks failures as danger and successes as success', () => {
    expect(eventVariant('dev.modelmanager.deploy.revision.failed')).toBe('danger');
    expect(eventVariant('dev.modelmanager.weights.install.succeeded')).toBe('success');
    expect(eventVariant('dev.modelmanager.weights.install.progressed')).toBe('info');
  });
});

describe('Shell', () => {
  it('counts live events as unread, lists them in the drawer and marks them read', async () => {
    let streams = 0;
    mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/me/preferences': () => ({ favorites: [], theme: 'system' }),
      'GET /api/v1/events/stream': () => (streams++ === 0 ? sse(EVENTS) : sse('')),
      // The log's newest events: one is also a live one (shown once), one is older.
      'GET /api/v1/events': () => ({
        items: [
          { id: '2', type: 'dev.modelmanager.deploy.revision.failed', subject: 'chat' },
          { id: '0', type: 'dev.modelmanager.catalog.entry.added', subject: 'tiny-llama' },
        ],
      }),
    });
    renderPage(<Shell>page</Shell>);
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    await userEvent.click(bell);
    const list = await screen.findByRole('list', { name: 'Recent events' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('deploy revision failed');
    expect(items[0]).toHaveTextContent('chat');
    expect(items[1]).toHaveTextContent('weights install succeeded');
    expect(await within(list).findByText('catalog entry added')).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
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
});
