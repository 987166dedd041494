import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Settings from './Settings';
import { ADMIN, VIEWER, mockApi, problem, renderPage } from '../test-utils';

const CHANNEL = {
  id: 'ch1',
  name: 'ops',
  type: 'webhook',
  target: 'https://hooks.example.com/x',
  events: ['dev.modelmanager.*'],
  minSeverity: 'info',
  enabled: true,
};

describe('Settings: notifications', () => {
  it('creates a webhook channel, shows its secret once, tests it and deletes it', async () => {
    let channels: unknown[] = [];
    const calls = mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/notifications/channels': () => ({ items: channels }),
      'GET /api/v1/notifications/deliveries': () => ({ items: [] }),
      'POST /api/v1/notifications/channels': (r) => {
        channels = [CHANNEL];
        return Response.json({ ...CHANNEL, ...(r.body as object), secret: 'whsec_abc' }, { status: 201 });
      },
      'POST /api/v1/notifications/channels/ch1/test': () => ({ delivered: true, statusCode: 204, latencyMs: 31 }),
      'DELETE /api/v1/notifications/channels/ch1': () => {
        channels = [];
        return new Response(null, { status: 204 });
      },
    });
    renderPage(<Settings />, '/settings?tab=notifications');
    expect(await screen.findByText('No channels')).toBeInTheDocument();
    await userEvent.type(await screen.findByLabelText(/Channel name/), 'ops');
    await userEvent.type(screen.getByLabelText(/Target/), CHANNEL.target);
    await userEvent.clear(screen.getByLabelText(/Event patterns/));
    await userEvent.type(screen.getByLabelText(/Event patterns/), 'dev.modelmanager.weights.*, dev.modelmanager.deploy.*');
    await userEvent.selectOptions(screen.getByLabelText('Least severity'), 'warning');
    await userEvent.type(screen.getByLabelText('Only location'), 'fast-nvme');
    await userEvent.click(screen.getByRole('button', { name: 'Create channel' }));

    expect(await screen.findByDisplayValue('whsec_abc')).toBeInTheDocument();
    const created = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/notifications/channels')!;
    expect(created.body).toEqual({
      name: 'ops',
      type: 'webhook',
      target: CHANNEL.target,
      events: ['dev.modelmanager.weights.*', 'dev.modelmanager.deploy.*'],
      minSeverity: 'warning',
      filters: { location: 'fast-nvme' },
    });

    await userEvent.click(await screen.findByRole('button', { name: 'Send a test to ops' }));
    expect(await screen.findByText('delivered (204), 31 ms')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Delete ops' }));
    expect(await screen.findByText('No channels')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
  });

  it('shows a refused target with the problem detail', async () => {
    mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/notifications/channels': () => ({ items: [] }),
      'GET /api/v1/notifications/deliveries': () => ({ items: [] }),
      'POST /api/v1/notifications/channels': () => problem(422, 'target must be https'),
    });
    renderPage(<Settings />, '/settings?tab=notifications');
    await userEvent.type(await screen.findByLabelText(/Channel name/), 'ops');
    await userEvent.type(screen.getByLabelText(/Target/), 'http://x');
    await userEvent.click(screen.getByRole('button', { name: 'Create channel' }));
    expect(await screen.findByText('target must be https')).toBeInTheDocument();
    expect(screen.queryByTestId('channel-secret')).toBeNull();
  });

  it('redelivers a dead letter, and viewers get neither the form nor the buttons', async () => {
    const deliveries = [
      { id: 'd1', channelId: 'ch1', eventType: 'dev.modelmanager.weights.install.failed', status: 'dead_letter', attempts: 8, lastStatusCode: 500 },
    ];
    const calls = mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/notifications/channels': () => ({ items: [CHANNEL] }),
      'GET /api/v1/notifications/deliveries': () => ({ items: deliveries }),
      'POST /api/v1/notifications/deliveries/d1/redeliver': () => ({ ...deliveries[0], status: 'pending' }),
    });
    renderPage(<Settings />, '/settings?tab=notifications');
    const row = await screen.findByTestId('delivery-d1');
    expect(within(row).getByText('ops')).toBeInTheDocument();
    await userEvent.click(within(row).getByRole('button', { name: 'Redeliver' }));
    await vi.waitFor(() => expect(calls.some((c) => c.path.endsWith('/d1/redeliver'))).toBe(true));

    await userEvent.selectOptions(screen.getByLabelText('Delivery status'), 'dead_letter');
    expect(screen.getByTestId('location')).toHaveTextContent('status=dead_letter');
    await vi.waitFor(() =>
      expect(calls.some((c) => c.path === '/api/v1/notifications/deliveries' && c.query.get('status') === 'dead_letter')).toBe(true),
    );
  });

  it('edits a channel with a merge patch of what changed, and pauses one with the switch', async () => {
    const ops = { ...CHANNEL, filters: { model: 'org/a' } };
    const slack = { id: 'sl1', name: 'team', type: 'slack', target: 'https://hooks.slack.com/…', events: ['*'], minSeverity: 'info', enabled: true };
    let items: Record<string, unknown>[] = [ops, slack];
    const calls = mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/notifications/channels': () => ({ items }),
      'GET /api/v1/notifications/deliveries': () => ({ items: [] }),
      'PATCH /api/v1/notifications/channels/ch1': (r) => {
        items = [{ ...ops, ...(r.body as object) }, slack];
        return items[0];
      },
      'PATCH /api/v1/notifications/channels/sl1': () => problem(409, 'a channel named ops exists'),
    });
    renderPage(<Settings />, '/settings?tab=notifications');
    expect(await screen.findByText('model org/a')).toBeInTheDocument();

    await userEvent.click(await screen.findByRole('button', { name: 'Edit ops' }));
    const dialog = await screen.findByRole('dialog');
    const save = within(dialog).getByRole('button', { name: 'Save changes' });
    expect(save).toBeDisabled(); // nothing changed yet
    const events = within(dialog).getByLabelText(/Event patterns/);
    await userEvent.clear(events);
    await userEvent.type(events, 'dev.modelmanager.deploy.*, dev.modelmanager.weights.*');
    await userEvent.selectOptions(within(dialog).getByLabelText('Least severity'), 'warning');
    await userEvent.clear(within(dialog).getByLabelText('Only model'));
    await userEvent.type(within(dialog).getByLabelText('Only deployment'), 'chat');
    await userEvent.click(save);
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const patch = calls.find((c) => c.method === 'PATCH' && c.path === '/api/v1/notifications/channels/ch1')!;
    expect(patch.body).toEqual({
      events: ['dev.modelmanager.deploy.*', 'dev.modelmanager.weights.*'],
      minSeverity: 'warning',
      filters: { model: null, deployment: 'chat' },
    });

    // The switch pauses the channel at once.
    await userEvent.click(screen.getByRole('switch', { name: 'ops enabled' }));
    await vi.waitFor(() =>
      expect(calls.filter((c) => c.method === 'PATCH' && c.path === '/api/v1/notifications/channels/ch1').map((c) => c.body)).toContainEqual({ enabled: false }),
    );

    // A Slack URL is never shown: left empty it is not sent, and a refusal shows its detail.
    await userEvent.click(screen.getByRole('button', { name: 'Edit team' }));
    const slackDialog = await screen.findByRole('dialog');
    expect(within(slackDialog).getByLabelText(/Target/)).toHaveValue('');
    await userEvent.clear(within(slackDialog).getByLabelText(/Channel name/));
    await userEvent.type(within(slackDialog).getByLabelText(/Channel name/), 'ops');
    await userEvent.click(within(slackDialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(slackDialog).findByText('a channel named ops exists')).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/api/v1/notifications/channels/sl1')!.body).toEqual({ name: 'ops' });
  });

  it('hides channel changes from viewers', async () => {
    mockApi({
      'GET /api/v1/me': () => VIEWER,
      'GET /api/v1/notifications/channels': () => ({ items: [CHANNEL] }),
      'GET /api/v1/notifications/deliveries': () => ({ items: [] }),
    });
    renderPage(<Settings />, '/settings?tab=notifications');
    expect(await screen.findByText('Only admins create, test, edit or delete channels.')).toBeInTheDocument();
    expect(await screen.findByText(CHANNEL.target)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Send a test/ })).toBeNull();
  });
});

describe('Settings: preferences', () => {
  it('saves the whole set, applies the theme, and adds and removes favorites', async () => {
    let stored = { favorites: ['Qwen/Qwen2.5-0.5B'], theme: 'system' } as Record<string, unknown>;
    const calls = mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/me/preferences': () => stored,
      'PUT /api/v1/me/preferences': (r) => {
        stored = { ...(r.body as object), updatedAt: '2026-11-30T08:00:00Z' };
        return stored;
      },
      'GET /api/v1/gpus': () => ({ items: [{ name: 'L4-24GB' }, { name: 'A100-80GB' }] }),
      'GET /api/v1/weights/locations': () => [{ name: 'default' }, { name: 'fast-nvme' }],
    });
    renderPage(<Settings />, '/settings?tab=preferences');
    expect(await screen.findByRole('link', { name: 'Qwen/Qwen2.5-0.5B' })).toBeInTheDocument();
    await screen.findByRole('option', { name: 'A100-80GB' });
    await userEvent.selectOptions(screen.getByLabelText('Default GPU pool'), 'A100-80GB');
    await userEvent.selectOptions(await screen.findByLabelText('Default location'), 'fast-nvme');
    await userEvent.selectOptions(screen.getByLabelText('Theme'), 'dark');
    await userEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    await vi.waitFor(() => expect(document.documentElement).toHaveClass('pf-v6-theme-dark'));
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({
      favorites: ['Qwen/Qwen2.5-0.5B'],
      defaultGpuPool: 'A100-80GB',
      defaultLocation: 'fast-nvme',
      theme: 'dark',
    });

    await userEvent.type(screen.getByLabelText('Model id'), 'mm-demo/tiny-llama');
    await userEvent.click(screen.getByRole('button', { name: 'Add favorite' }));
    expect(await screen.findByRole('link', { name: 'mm-demo/tiny-llama' })).toBeInTheDocument();
    expect(stored.favorites).toEqual(['Qwen/Qwen2.5-0.5B', 'mm-demo/tiny-llama']);
    expect(stored.theme).toBe('dark'); // the other fields are kept: the API replaces the whole set

    await userEvent.click(screen.getByRole('button', { name: 'Remove Qwen/Qwen2.5-0.5B from favorites' }));
    await vi.waitFor(() => expect(stored.favorites).toEqual(['mm-demo/tiny-llama']));
    document.documentElement.classList.remove('pf-v6-theme-dark');
  });
});
