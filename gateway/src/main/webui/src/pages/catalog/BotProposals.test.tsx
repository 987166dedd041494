import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BotProposals, checksSummary } from './BotProposals';
import { mockApi, renderPage } from '../../test-utils';

const OLD = '1111111111111111111111111111111111111111';
const NEW = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd';

const PROPOSAL = {
  number: 7,
  url: 'https://github.example/mm-demo/catalog/pull/7',
  state: 'open',
  title: 'catalog-bot: move tiny-llama to abcdefabcdef',
  entryId: 'tiny-llama',
  hfModelId: 'mm-demo/tiny-llama',
  fromRevision: OLD,
  toRevision: NEW,
  fromLicense: 'apache-2.0',
  toLicense: 'mit',
  updatedAt: '2026-11-30T10:00:00Z',
  report: {
    valid: true,
    checks: [
      { name: 'schema', status: 'pass', message: 'valid' },
      { name: 'license', status: 'warn', message: 'the license changed' },
    ],
  },
  diff: {
    path: 'models/tiny-llama.json',
    changed: true,
    unified: `--- a/models/tiny-llama.json\n+++ b/models/tiny-llama.json\n@@ -1,1 +1,1 @@\n-  "revision": "${OLD}"\n+  "revision": "${NEW}"\n`,
    patch: [{ op: 'replace', path: '/revision', value: NEW }],
  },
};

describe('Update bot proposals', () => {
  it('lists what each proposal moves, its checks and its pull request; expanded, the checks, diff and JSON Patch', async () => {
    const calls = mockApi({
      'GET /api/v1/catalog/bot/proposals': () => ({ items: [PROPOSAL, { number: 3, state: 'merged', entryId: 'old-one', url: 'https://x/3', title: 't' }] }),
    });
    renderPage(<BotProposals />, '/catalog');
    const row = await screen.findByTestId('proposal-7');
    const cells = within(row).getAllByRole('cell');
    expect(cells.map((c) => c.textContent).slice(1, 6)).toEqual([
      'tiny-llama',
      'mm-demo/tiny-llama',
      '111111111111 → abcdefabcdeflicense apache-2.0 → mit',
      '1 warning',
      '#7 open',
    ]);
    expect(within(row).getByRole('link', { name: '#7' })).toHaveAttribute('href', PROPOSAL.url);
    expect(calls[0].query.get('limit')).toBe('20');
    // An older pull request without a kept proposal still shows its state and link.
    expect(within(screen.getByTestId('proposal-3')).getByText('not kept')).toBeInTheDocument();

    await userEvent.click(within(row).getByRole('button', { name: 'Details' }));
    expect(within(row).getByRole('grid', { name: 'Checks of pull request 7' })).toBeInTheDocument();
    const diff = within(row).getByLabelText('Diff of pull request 7');
    expect([...diff.querySelectorAll('[data-kind="add"]')].map((l) => l.textContent)).toEqual([`added: +  "revision": "${NEW}"`]);
    expect(JSON.parse(within(row).getByLabelText('JSON Patch of pull request 7').textContent!)).toEqual(PROPOSAL.diff.patch);
  });

  it('says what to expect when there are none', async () => {
    mockApi({ 'GET /api/v1/catalog/bot/proposals': () => ({ items: [] }) });
    renderPage(<BotProposals />, '/catalog');
    expect(await screen.findByText('No proposals')).toBeInTheDocument();
  });

  it('summarises checks: a failure wins over warnings', () => {
    expect(checksSummary({ report: { checks: [{ status: 'warn' }, { status: 'fail' }] } })).toEqual({ text: '1 failed', color: 'red' });
    expect(checksSummary({ report: { checks: [{ status: 'pass' }] } })).toEqual({ text: 'passed', color: 'green' });
  });
});
