import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Weights from './Weights';
import { ADMIN, VIEWER, mockApi, problem, renderPage } from '../test-utils';

const GIB = 1024 ** 3;
const LOCATIONS = [
  { name: 'default', capacityBytes: 100 * GIB, usedBytes: 60 * GIB, freeBytes: 40 * GIB, warnPercent: 80, criticalPercent: 95, level: 'ok' },
];
const SNAP = {
  id: '11111111-1111-1111-1111-111111111111',
  repo: 'mm-demo/tiny-llama',
  revision: 'main',
  commit: 'abcdef0123456789',
  sizeBytes: 2 * GIB,
  location: 'default',
  pinned: false,
  usedBy: [],
};

describe('Weights', () => {
  it('hides delete and purge from people who are not admins', async () => {
    mockApi({
      'GET /api/v1/me': () => VIEWER,
      'GET /api/v1/weights/locations': () => LOCATIONS,
      'GET /api/v1/weights': () => ({ items: [SNAP] }),
    });
    renderPage(<Weights />);
    expect(await screen.findByText(SNAP.repo)).toBeInTheDocument();
    await screen.findByRole('button', { name: 'Pin' });
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Preview purge' })).toBeNull();
  });

  it('deletes after confirmation and shows the 409 reason when refused', async () => {
    const calls = mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/weights/locations': () => LOCATIONS,
      'GET /api/v1/weights': () => ({ items: [SNAP] }),
      [`DELETE /api/v1/weights/${SNAP.id}`]: () => problem(409, 'in use by deployment chat'),
    });
    renderPage(<Weights />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete mm-demo/tiny-llama@main' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/2.0 GiB on default/)).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('in use by deployment chat')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });

  it('previews a purge as a dry run and runs it only after confirmation', async () => {
    const calls = mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/weights/locations': () => LOCATIONS,
      'GET /api/v1/weights': () => ({ items: [SNAP] }),
      'POST /api/v1/weights/purge': (r) => {
        const body = r.body as { dryRun: boolean };
        return { dryRun: body.dryRun, location: 'default', policy: 'lru', bytesFreed: 2 * GIB, freeBytesBefore: 40 * GIB, snapshots: [SNAP] };
      },
    });
    renderPage(<Weights />);
    await screen.findByRole('option', { name: 'default' });
    await userEvent.selectOptions(await screen.findByLabelText('Location'), 'default');
    await userEvent.clear(screen.getByLabelText('Free at least (GiB)'));
    await userEvent.type(screen.getByLabelText('Free at least (GiB)'), '45');
    await userEvent.click(screen.getByRole('button', { name: 'Preview purge' }));
    const plan = await screen.findByTestId('purge-plan');
    expect(within(plan).getByText('The plan: 1 snapshots, 2.0 GiB freed')).toBeInTheDocument();
    const purges = () => calls.filter((c) => c.path === '/api/v1/weights/purge');
    expect(purges()).toHaveLength(1);
    expect(purges()[0].body).toEqual({ dryRun: true, location: 'default', policy: 'lru', targetFreeBytes: 45 * GIB });

    await userEvent.click(within(plan).getByRole('button', { name: 'Purge 1 snapshots' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Purge now' }));
    expect(await screen.findByTestId('purge-done')).toHaveTextContent('1 snapshots removed, 2.0 GiB freed on default');
    await vi.waitFor(() => expect(purges()).toHaveLength(2));
    expect((purges()[1].body as { dryRun: boolean }).dryRun).toBe(false);
  });
});
