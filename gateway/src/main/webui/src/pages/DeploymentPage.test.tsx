import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import DeploymentPage from './DeploymentPage';
import { mockApi, renderPage } from '../test-utils';

const REV = (revision: number, entryId: string, modelCommit: string, strategy = 'ROLLING_UPDATE') => ({
  revision,
  action: 'ACTIVATE',
  state: 'READY',
  entryId,
  model: 'mm-demo/tiny-llama',
  modelCommit,
  catalogCommit: 'c1',
  weightsLocation: 'default',
  strategy,
});

/** A revision as GET …/revisions/{number} answers it: with its manifest and states. */
const FULL = (revision: number, strategy: string, extra: object = {}) => ({
  ...REV(revision, 'tiny-llama', 'aaa'),
  actor: 'alice',
  reason: `change ${revision}`,
  states: [
    { state: 'PENDING', reason: 'Recorded, not yet applied', at: '2026-11-30T10:00:00Z' },
    { state: 'READY', reason: 'All pods ready', at: '2026-11-30T10:01:00Z' },
  ],
  manifest: {
    kind: 'InferenceService',
    metadata: { name: 'chat', labels: { 'modelmanager.dev/revision': String(revision) } },
    spec: { predictor: { deploymentStrategy: { type: strategy }, minReplicas: 1 } },
  },
  ...extra,
});

describe('Deployment page rollback', () => {
  it('shows what goes back, field by field and manifest line by line, and rolls back only after confirmation', async () => {
    const calls = mockApi({
      'GET /api/v1/deployments/chat': () => ({ name: 'chat', active: { revision: 2, state: 'READY', model: 'mm-demo/tiny-llama' } }),
      'GET /api/v1/deployments/chat/revisions': () => ({ items: [REV(2, 'tiny-llama-v2', 'bbb', 'RECREATE'), REV(1, 'tiny-llama', 'aaa')] }),
      'GET /api/v1/deployments/chat/revisions/1': () => FULL(1, 'RollingUpdate'),
      'GET /api/v1/deployments/chat/revisions/2': () => FULL(2, 'Recreate'),
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
      'Rollout strategyRECREATEROLLING_UPDATE',
    ]);
    const diff = await within(dialog).findByLabelText('Manifest diff from revision 2 to 1');
    const changed = [...diff.querySelectorAll('[data-kind="del"], [data-kind="add"]')].map((l) => l.textContent);
    expect(changed).toEqual([
      'removed: -      "modelmanager.dev/revision": "2"',
      'added: +      "modelmanager.dev/revision": "1"',
      'removed: -        "type": "Recreate"',
      'added: +        "type": "RollingUpdate"',
    ]);
    expect(calls.some((c) => c.path.endsWith('/rollback'))).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Roll back to 1' }));
    await vi.waitFor(() => expect(calls.find((c) => c.path.endsWith('/rollback'))?.body).toMatchObject({ toRevision: 1 }));
  });
});

describe('Deployment page revision drawer', () => {
  it('opens a revision from the history with its states, its diff to the previous revision and its manifest', async () => {
    mockApi({
      'GET /api/v1/deployments/chat': () => ({ name: 'chat', active: { revision: 2, state: 'READY' } }),
      'GET /api/v1/deployments/chat/revisions': () => ({ items: [REV(2, 'tiny-llama', 'aaa', 'RECREATE'), REV(1, 'tiny-llama', 'aaa')] }),
      'GET /api/v1/deployments/chat/revisions/1': () => FULL(1, 'RollingUpdate'),
      'GET /api/v1/deployments/chat/revisions/2': () => FULL(2, 'Recreate'),
    });
    renderPage(<DeploymentPage />, '/deployments/chat', '/deployments/:name');
    await userEvent.click(await screen.findByRole('button', { name: 'Revision 2 details' }));
    expect(screen.getByTestId('location').textContent).toBe('/deployments/chat?revision=2');
    const drawer = await screen.findByTestId('revision-drawer');
    expect(within(drawer).getByText('alice')).toBeInTheDocument();
    expect(within(drawer).getByText('change 2')).toBeInTheDocument();
    const states = within(drawer).getByRole('grid', { name: 'State changes of revision 2' });
    expect(within(states).getAllByRole('row').slice(1).map((r) => r.querySelector('td')?.textContent)).toEqual(['PENDING', 'READY']);
    const diff = await within(drawer).findByLabelText('Manifest diff from revision 1 to 2');
    expect([...diff.querySelectorAll('[data-kind="add"]')].map((l) => l.textContent)).toEqual([
      'added: +      "modelmanager.dev/revision": "2"',
      'added: +        "type": "Recreate"',
    ]);
    expect(within(drawer).getByLabelText('Manifest of revision 2').textContent).toContain('"InferenceService"');
    await userEvent.click(screen.getByRole('button', { name: 'Close the revision' }));
    expect(screen.getByTestId('location').textContent).toBe('/deployments/chat');
  });

  it('opens from a deep link and says the first revision has nothing before it', async () => {
    mockApi({
      'GET /api/v1/deployments/chat': () => ({ name: 'chat', active: { revision: 1, state: 'READY' } }),
      'GET /api/v1/deployments/chat/revisions': () => ({ items: [REV(1, 'tiny-llama', 'aaa')] }),
      'GET /api/v1/deployments/chat/revisions/1': () => FULL(1, 'RollingUpdate'),
    });
    renderPage(<DeploymentPage />, '/deployments/chat?revision=1', '/deployments/:name');
    const drawer = await screen.findByTestId('revision-drawer');
    expect(within(drawer).getByText('The first revision: nothing came before it.')).toBeInTheDocument();
  });
});
