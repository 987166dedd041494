import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Catalog from './Catalog';
import CatalogEntry from './CatalogEntry';
import ProposeEntry from './ProposeEntry';
import { ADMIN, mockApi, problem, renderPage } from '../test-utils';
import { lineKind } from '../components/UnifiedDiff';

const ENTRY = { id: 'tiny-llama', hfModelId: 'mm-demo/tiny-llama', displayName: 'Tiny Llama', revision: 'abc' };
const DIFF = '--- a/models/tiny-llama.json\n+++ b/models/tiny-llama.json\n@@ -0,0 +1,2 @@\n+{\n+  "id": "tiny-llama"\n';
const REPORT_OK = { valid: true, checks: [{ name: 'fit', status: 'pass', message: 'fits L4-24GB' }] };

describe('lineKind', () => {
  it('tells added, removed, hunk and header lines apart', () => {
    expect(['+++ b/x', '--- a/x', '@@ -1 +1 @@', '+a', '-b', ' c'].map(lineKind)).toEqual([
      'file',
      'file',
      'hunk',
      'add',
      'del',
      'ctx',
    ]);
  });
});

describe('Catalog', () => {
  it('keeps the entries matching ?q= (the global search\'s "see all") until "Show all"', async () => {
    mockApi({
      'GET /api/v1/catalog/entries': () => ({
        items: [
          { entry: ENTRY, commit: 'c0ffee' },
          { entry: { id: 'qwen2-5-0-5b', hfModelId: 'Qwen/Qwen2.5-0.5B', revision: 'def' }, commit: 'beef' },
        ],
      }),
      'GET /api/v1/catalog/pull-requests': () => ({ items: [] }),
    });
    renderPage(<Catalog />, '/catalog?q=QWEN');
    expect(await screen.findByRole('link', { name: 'qwen2-5-0-5b' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Tiny Llama' })).toBeNull();
    expect(screen.getByText('Matching “QWEN”')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(await screen.findByRole('link', { name: 'Tiny Llama' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/catalog$/);
  });

  it('lists pull requests with their state, filtered through the URL', async () => {
    const calls = mockApi({
      'GET /api/v1/catalog/entries': () => ({ items: [{ entry: ENTRY, commit: 'c0ffee' }] }),
      'GET /api/v1/catalog/pull-requests': () => ({
        items: [{ number: 7, title: 'catalog: add tiny-llama', entryId: 'tiny-llama', state: 'merged', url: 'http://git/pr/7' }],
      }),
    });
    renderPage(<Catalog />, '/catalog');
    const row = await screen.findByTestId('pr-7');
    expect(within(row).getByRole('link', { name: '#7 catalog: add tiny-llama' })).toHaveAttribute('href', 'http://git/pr/7');
    expect(within(row).getByText('merged')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Pull request state'), 'open');
    expect(screen.getByTestId('location')).toHaveTextContent('prState=open');
    await vi.waitFor(() =>
      expect(calls.some((c) => c.path === '/api/v1/catalog/pull-requests' && c.query.get('state') === 'open')).toBe(true),
    );
  });
});

describe('Add to catalog', () => {
  it('generates a draft, shows its report and diff, then opens a pull request', async () => {
    const calls = mockApi({
      'GET /api/v1/me/preferences': () => ({ favorites: [], theme: 'system', defaultGpuPool: 'L4-24GB' }),
      'GET /api/v1/gpus': () => ({ items: [{ name: 'L4-24GB' }] }),
      'POST /api/v1/catalog/generate': () => ({ entry: ENTRY, gpu: 'L4-24GB', explanation: 'TP 1, 8k context', report: REPORT_OK }),
      'POST /api/v1/catalog/diff': () => ({ changed: true, created: true, path: 'models/tiny-llama.json', baseCommit: 'c0ffee1234', unified: DIFF }),
      'POST /api/v1/catalog/pull-requests': () =>
        Response.json({ number: 8, state: 'open', title: 'catalog: add tiny-llama', url: 'http://git/pr/8', branch: 'catalog/tiny-llama' }, { status: 201 }),
    });
    renderPage(<ProposeEntry />, '/catalog/propose/mm-demo/tiny-llama', '/catalog/propose/:org/:name');
    await screen.findByRole('option', { name: 'L4-24GB' });
    await userEvent.click(screen.getByRole('button', { name: 'Generate draft' }));
    expect(await screen.findByText('fits L4-24GB')).toBeInTheDocument();
    const generate = calls.find((c) => c.path === '/api/v1/catalog/generate')!;
    expect(generate.body).toEqual({ hfModelId: 'mm-demo/tiny-llama', gpu: 'L4-24GB' }); // the preferred pool

    const diff = await screen.findByLabelText('Catalog diff');
    const added = diff.querySelectorAll('[data-kind="add"]');
    expect(added).toHaveLength(2);
    expect(added[1]).toHaveTextContent('"id": "tiny-llama"');
    expect(calls.find((c) => c.path === '/api/v1/catalog/diff')!.body).toEqual(ENTRY);

    await userEvent.click(screen.getByRole('button', { name: 'Open pull request' }));
    const opened = await screen.findByTestId('pr-opened');
    expect(opened).toHaveTextContent('Pull request #8 is open');
    expect(within(opened).getByRole('link', { name: 'catalog: add tiny-llama' })).toHaveAttribute('href', 'http://git/pr/8');
    expect(calls.find((c) => c.path === '/api/v1/catalog/pull-requests')!.body).toEqual({ entry: ENTRY });
  });

  it('does not offer a pull request for an entry that fails its checks', async () => {
    mockApi({
      'GET /api/v1/me/preferences': () => ({ favorites: [], theme: 'system' }),
      'GET /api/v1/gpus': () => ({ items: [] }),
      'POST /api/v1/catalog/generate': () => ({ entry: ENTRY, report: { valid: false, checks: [{ name: 'fit', status: 'fail', message: 'needs 80 GB' }] } }),
      'POST /api/v1/catalog/diff': () => ({ changed: true, created: true, path: 'models/tiny-llama.json', unified: DIFF }),
    });
    renderPage(<ProposeEntry />, '/catalog/propose/mm-demo/tiny-llama', '/catalog/propose/:org/:name');
    await userEvent.click(await screen.findByRole('button', { name: 'Generate draft' }));
    expect(await screen.findByText('needs 80 GB')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open pull request' })).toBeDisabled();
  });
});

describe('Activate from a catalog entry', () => {
  it('shows the dry-run (checks, diff) first and activates only on confirmation', async () => {
    const calls = mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/catalog/entries/tiny-llama': () => ({ entry: ENTRY, commit: 'c0ffee' }),
      'POST /api/v1/catalog/validate': () => REPORT_OK,
      'POST /api/v1/deployments/chat/dry-run': () => ({
        ready: true,
        checks: [
          { name: 'gpu-capacity', status: 'PASS', detail: 'accepted' },
          { name: 'server-dry-run', status: 'UNKNOWN', detail: 'could not check' },
        ],
        diff: { yaml: '--- live\n+++ planned\n@@ -1 +1 @@\n-replicas: 0\n+replicas: 1\n' },
        manifestYaml: 'kind: InferenceService\n',
      }),
      'POST /api/v1/deployments/chat/activate': () => Response.json({ number: 1 }, { status: 202 }),
    });
    renderPage(<CatalogEntry />, '/catalog/tiny-llama', '/catalog/:id');
    const name = await screen.findByLabelText('Deployment name');
    await userEvent.clear(name);
    await userEvent.type(name, 'chat');
    await userEvent.click(screen.getByRole('button', { name: 'Review and activate' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('accepted')).toBeInTheDocument();
    expect(within(dialog).getByText('No pre-flight check failed')).toBeInTheDocument();
    expect(within(dialog).getByText('1 could not be checked: read them below.')).toBeInTheDocument();
    const diff = within(dialog).getByLabelText('Manifest diff');
    expect(diff.querySelector('[data-kind="del"]')).toHaveTextContent('replicas: 0');
    expect(diff.querySelector('[data-kind="add"]')).toHaveTextContent('replicas: 1');
    expect(calls.some((c) => c.path.endsWith('/activate'))).toBe(false);
    expect(calls.find((c) => c.path.endsWith('/dry-run'))!.body).toEqual({ entry: 'tiny-llama' });

    await userEvent.click(within(dialog).getByRole('button', { name: 'Activate' }));
    await vi.waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/deployments/chat'));
    expect(calls.find((c) => c.path.endsWith('/activate'))!.body).toMatchObject({ entry: 'tiny-llama' });
  });

  it('shows why a dry-run was refused', async () => {
    mockApi({
      'GET /api/v1/catalog/entries/tiny-llama': () => ({ entry: ENTRY, commit: 'c0ffee' }),
      'POST /api/v1/catalog/validate': () => REPORT_OK,
      'POST /api/v1/deployments/tiny-llama/dry-run': () => problem(503, 'Kubernetes is not configured'),
    });
    renderPage(<CatalogEntry />, '/catalog/tiny-llama', '/catalog/:id');
    await userEvent.click(await screen.findByRole('button', { name: 'Review and activate' }));
    expect(await screen.findByText('Kubernetes is not configured')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
