import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import DeploymentPage from './DeploymentPage';
import { mockApi, renderPage } from '../test-utils';

const REV = (revision: number, entryId: string, modelCommit: string) => ({
  revision,
  action: 'ACTIVATE',
  state: 'READY',
  entryId,
  model: 'mm-demo/tiny-llama',
  modelCommit,
  catalogCommit: 'c1',
  weightsLocation: 'default',
});

describe('Deployment page rollback', () => {
  it('shows what goes back and rolls back only after confirmation', async () => {
    const calls = mockApi({
      'GET /api/v1/deployments/chat': () => ({ name: 'chat', active: { revision: 2, state: 'READY', model: 'mm-demo/tiny-llama' } }),
      'GET /api/v1/deployments/chat/revisions': () => ({ items: [REV(2, 'tiny-llama-v2', 'bbb'), REV(1, 'tiny-llama', 'aaa')] }),
      'POST /api/v1/deployments/chat/rollback': () => Response.json({ revision: 3 }, { status: 202 }),
    });
    renderPage(<DeploymentPage />, '/deployments/chat', '/deployments/:name');
    await userEvent.click(await screen.findByRole('button', { name: 'Roll back to 1' }));
    const dialog = await screen.findByRole('dialog');
    const changes = within(dialog).getByRole('grid', { name: 'What the rollback changes' });
    const rows = within(changes).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'Catalog entrytiny-llama-v2tiny-llama',
      'Model commitbbbaaa',
    ]);
    expect(calls.some((c) => c.path.endsWith('/rollback'))).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Roll back to 1' }));
    await vi.waitFor(() => expect(calls.find((c) => c.path.endsWith('/rollback'))?.body).toMatchObject({ toRevision: 1 }));
  });
});
