import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ModelPage from './ModelPage';
import ProposeEntry from './ProposeEntry';
import { spaceVerdict } from './model/InstallWizard';
import { mockApi, renderPage } from '../test-utils';

const GIB = 1024 ** 3;
const DETAILS = {
  id: 'mm-demo/tiny-llama',
  revision: 'main',
  commit: 'abcdef0123',
  weightsBytes: 3 * GIB,
  files: ['config.json', 'model.safetensors', 'pytorch_model.bin', 'tokenizer.json'],
  fit: [{ gpu: 'L4-24GB', tensorParallelSize: 1, fits: true, maxModelLen: 8192, explanation: 'ok' }],
  vllm: { supported: true },
  recommendedVllmArgs: ['--max-model-len', '8192'],
};
const loc = (name: string, freeGiB: number) => ({
  name,
  capacityBytes: 100 * GIB,
  usedBytes: (100 - freeGiB) * GIB,
  freeBytes: freeGiB * GIB,
  warnPercent: 80,
  criticalPercent: 95,
  level: 'ok',
});

const MAIN = 'a'.repeat(40);
const DEV = 'b'.repeat(40);
const OLD = 'c'.repeat(40);
const REFS = {
  repo: 'mm-demo/tiny-llama',
  branches: [
    { name: 'main', ref: 'refs/heads/main', targetCommit: MAIN },
    { name: 'dev', ref: 'refs/heads/dev', targetCommit: DEV },
  ],
  tags: [{ name: 'v1.0', ref: 'refs/tags/v1.0', targetCommit: MAIN }],
};
const COMMITS = [
  { id: MAIN, title: 'Upload 2 shards', date: '2025-02-01T12:00:00Z', authors: ['mm-demo'] },
  { id: OLD, title: 'Update README.md', date: '2025-01-20T08:30:00Z', authors: ['mm-demo'] },
];

/** The server's dry run: the files with their actions; 507 on "small", 400 when nothing matches. */
function plan(body: { location?: string; revision?: string; include?: string[] }) {
  const safetensorsOnly = (body.include ?? []).includes('*.safetensors');
  const files = [
    { path: 'config.json', size: 1000, action: 'download' },
    { path: 'model.safetensors', size: 3 * GIB, action: 'download' },
    { path: 'tokenizer.json', size: 2000, action: 'present' },
    { path: 'pytorch_model.bin', size: 3 * GIB, action: 'skip-duplicate', reason: 'not loaded by vLLM: it loads the root SAFETENSORS' },
    { path: 'README.md', size: 100, action: safetensorsOnly ? 'excluded' : 'download', reason: safetensorsOnly ? 'not included' : undefined },
  ];
  const toDownload = files.filter((f) => f.action === 'download').reduce((n, f) => n + f.size, 0);
  const free = body.location === 'small' ? 2 * GIB : 50 * GIB;
  return {
    repo: 'mm-demo/tiny-llama',
    revision: body.revision,
    commit: body.revision === 'dev' ? DEV : MAIN,
    location: body.location,
    files,
    bytesPlanned: toDownload + 2000,
    bytesToDownload: toDownload,
    bytesPresent: 2000,
    freeBytes: free,
    headroomBytes: 0,
    reservedByOthers: 0,
    fits: toDownload <= free,
    refusal:
      toDownload > free
        ? { status: 507, detail: `Location 'small' has ${free} bytes free (0 reserved by running installs); the install needs ${toDownload} bytes missing plus 0 headroom` }
        : undefined,
  };
}

function api(prefs: Record<string, unknown> = { favorites: [], theme: 'system' }, details: object = DETAILS) {
  let stored = prefs;
  const calls = mockApi({
    'GET /api/v1/models/mm-demo/tiny-llama/details': () => details,
    'GET /api/v1/models/mm-demo/tiny-llama/refs': () => REFS,
    'GET /api/v1/models/mm-demo/tiny-llama/commits': (r) => ({
      repo: 'mm-demo/tiny-llama',
      revision: r.query.get('revision'),
      commits: r.query.get('revision') === 'dev' ? [{ id: DEV, title: 'Try a longer rope_theta', date: '2025-02-03T10:00:00Z', authors: ['mm-demo'] }, ...COMMITS] : COMMITS,
      more: false,
    }),
    'POST /api/v1/weights/installs/plan': (r) => plan(r.body as { location?: string }),
    'GET /api/v1/me/preferences': () => stored,
    'PUT /api/v1/me/preferences': (r) => (stored = r.body as Record<string, unknown>),
    'GET /api/v1/weights/locations': () => [loc('default', 50), loc('small', 2)],
    'POST /api/v1/weights/installs': () => Response.json({ id: 'job-1', state: 'QUEUED' }, { status: 202 }),
  });
  return { calls, stored: () => stored };
}

describe('spaceVerdict', () => {
  it('says no when the weights exceed the free space, tight past the warning threshold', () => {
    expect(spaceVerdict(3 * GIB, loc('x', 2))).toBe('no');
    expect(spaceVerdict(3 * GIB, loc('x', 22))).toBe('tight');
    expect(spaceVerdict(3 * GIB, loc('x', 50))).toBe('fits');
    expect(spaceVerdict(undefined, loc('x', 50))).toBe('unknown');
  });
});

describe('Model page', () => {
  it("installs through the wizard: location, revision, the server's file plan, review, then the job", async () => {
    const { calls } = api({ favorites: [], theme: 'system', defaultLocation: 'default' });
    renderPage(<ModelPage />, '/models/mm-demo/tiny-llama', '/models/:org/:name');
    await userEvent.click(await screen.findByRole('button', { name: 'Install weights' }));
    const wizard = await screen.findByRole('dialog');
    expect(await within(wizard).findByLabelText(/^default: 50.0 GiB free/)).toBeChecked();
    expect(within(wizard).getByLabelText(/^small: 2.0 GiB free — not enough/)).not.toBeChecked();
    await userEvent.click(within(wizard).getByRole('button', { name: 'Next' }));

    // The revision: branches, tags and the recent commits of the chosen line, not free text.
    const revision = within(wizard).getByRole('combobox', { name: 'Revision' });
    await vi.waitFor(() => expect(revision).toBeEnabled());
    expect(within(revision).getByRole('group', { name: 'Branches' })).toHaveTextContent('dev (bbbbbbb)');
    expect(within(revision).getByRole('group', { name: 'Tags' })).toHaveTextContent('v1.0 (aaaaaaa)');
    expect(await within(revision).findByRole('group', { name: 'Recent commits of main' })).toHaveTextContent(
      'ccccccc Update README.md (2025-01-20, mm-demo)',
    );
    await userEvent.selectOptions(revision, 'v1.0');

    // The files: what the server will do with each, sizes after the patterns, duplicates with the reason.
    await userEvent.click(within(wizard).getByLabelText(/Safetensors weights/));
    await vi.waitFor(() =>
      expect(within(wizard).getByTestId('files-matched')).toHaveTextContent(
        '3 of 5 files will be installed: 3.0 GiB to download, 2.0 KiB already present; 1 duplicate formats skipped, 1 excluded by the patterns',
      ),
    );
    const rows = within(within(wizard).getByRole('grid', { name: 'Files of the install' })).getAllByRole('row');
    const bin = rows.find((r) => r.textContent?.includes('pytorch_model.bin'))!;
    expect(bin).toHaveTextContent('3.0 GiB');
    expect(bin).toHaveTextContent('skipped: duplicate format');
    expect(bin).toHaveTextContent('not loaded by vLLM: it loads the root SAFETENSORS');
    expect(rows.find((r) => r.textContent?.includes('README.md'))).toHaveTextContent('excluded by the patterns');
    const planned = calls.filter((c) => c.path === '/api/v1/weights/installs/plan').at(-1)!.body;
    expect(planned).toMatchObject({ repo: 'mm-demo/tiny-llama', revision: 'v1.0', location: 'default' });
    await userEvent.click(within(wizard).getByLabelText(/Pin the snapshot/));
    await userEvent.click(within(wizard).getByRole('button', { name: 'Next' }));

    const summary = within(wizard).getByLabelText('Install summary');
    expect(summary).toHaveTextContent('default (50.0 GiB free)');
    expect(summary).toHaveTextContent('3.0 GiB of 3.0 GiB (2.0 KiB already present)');
    expect(summary).toHaveTextContent('fits L4-24GB with TP 1, up to 8,192 tokens of context');
    expect(calls.some((c) => c.path === '/api/v1/weights/installs')).toBe(false);
    await userEvent.click(within(wizard).getByRole('button', { name: 'Start install' }));
    await vi.waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/jobs?job=job-1'));
    const body = calls.find((c) => c.path === '/api/v1/weights/installs')!.body as Record<string, unknown>;
    expect(body).toMatchObject({ repo: 'mm-demo/tiny-llama', revision: 'v1.0', location: 'default', pin: true });
    expect(body.include).toEqual(['*.safetensors', '*.json', '*.txt', '*.model', '*.tiktoken', '*.py']);
  });

  it('picks a commit of another branch and plans exactly that commit', async () => {
    const { calls } = api();
    renderPage(<ModelPage />, '/models/mm-demo/tiny-llama', '/models/:org/:name');
    await userEvent.click(await screen.findByRole('button', { name: 'Install weights' }));
    const wizard = await screen.findByRole('dialog');
    await within(wizard).findByLabelText(/^default:/);
    await userEvent.click(within(wizard).getByRole('button', { name: 'Next' }));
    const revision = within(wizard).getByRole('combobox', { name: 'Revision' });
    await vi.waitFor(() => expect(revision).toBeEnabled());
    await userEvent.selectOptions(revision, 'dev');
    expect(await within(revision).findByRole('group', { name: 'Recent commits of dev' })).toHaveTextContent('Try a longer rope_theta');
    await userEvent.selectOptions(revision, OLD);
    expect(revision).toHaveValue(OLD);
    await vi.waitFor(() =>
      expect(calls.filter((c) => c.path === '/api/v1/weights/installs/plan').at(-1)!.body).toMatchObject({ revision: OLD }),
    );
  });

  it("explains the 507 before starting, with the server's detail, and does not start", async () => {
    const { calls } = api();
    renderPage(<ModelPage />, '/models/mm-demo/tiny-llama', '/models/:org/:name');
    await userEvent.click(await screen.findByRole('button', { name: 'Install weights' }));
    const wizard = await screen.findByRole('dialog');
    await userEvent.click(await within(wizard).findByLabelText(/^small:/));
    await userEvent.click(within(wizard).getByRole('button', { name: 'Next' }));
    await userEvent.click(within(wizard).getByRole('button', { name: 'Next' }));
    const verdict = await within(wizard).findByTestId('space-verdict');
    expect(verdict).toHaveTextContent('507 Insufficient Storage');
    expect(verdict).toHaveTextContent("Location 'small' has 2147483648 bytes free");
    expect(within(wizard).getByRole('button', { name: 'Start install' })).toBeDisabled();
    expect(calls.some((c) => c.path === '/api/v1/weights/installs')).toBe(false);
  });

  it("Deploy opens the approved entry's Review and activate, or proposes the model first", async () => {
    api(undefined, {
      ...DETAILS,
      catalog: { status: 'found', entry: { commit: 'x', entry: { id: 'tiny-llama-l4', hfModelId: 'mm-demo/tiny-llama' } } },
    });
    const { unmount } = renderPage(<ModelPage />, '/models/mm-demo/tiny-llama', '/models/:org/:name');
    expect(await screen.findByRole('link', { name: 'Deploy' })).toHaveAttribute('href', '/catalog/tiny-llama-l4?activate=1');
    unmount();

    api(undefined, { ...DETAILS, catalog: { status: 'absent' } });
    renderPage(<ModelPage />, '/models/mm-demo/tiny-llama', '/models/:org/:name');
    await userEvent.click(await screen.findByRole('link', { name: 'Deploy' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/catalog/propose/mm-demo/tiny-llama?deploy=1');
  });

  it('Add to catalog reached through Deploy says that activation follows the approval', async () => {
    mockApi({ 'GET /api/v1/gpus': () => ({ items: [] }), 'GET /api/v1/me/preferences': () => ({}) });
    const { unmount } = renderPage(<ProposeEntry />, '/catalog/propose/mm-demo/tiny-llama?deploy=1', '/catalog/propose/:org/:name');
    expect(await screen.findByTestId('deploy-note')).toHaveTextContent('once its pull request is merged the entry is approved');
    unmount();
    renderPage(<ProposeEntry />, '/catalog/propose/mm-demo/tiny-llama', '/catalog/propose/:org/:name');
    await screen.findByRole('heading', { name: 'Add mm-demo/tiny-llama to the catalog' });
    expect(screen.queryByTestId('deploy-note')).toBeNull();
  });

  it('stars the model as a favorite and links to "Add to catalog"', async () => {
    const { stored } = api({ favorites: ['other/model'], theme: 'dark' });
    renderPage(<ModelPage />, '/models/mm-demo/tiny-llama', '/models/:org/:name');
    expect(await screen.findByRole('link', { name: 'Add to catalog' })).toHaveAttribute(
      'href',
      '/catalog/propose/mm-demo/tiny-llama',
    );
    const star = await screen.findByRole('button', { name: '☆ Add to favorites' });
    await vi.waitFor(() => expect(star).toBeEnabled());
    await userEvent.click(star);
    expect(await screen.findByRole('button', { name: '★ Favorite' })).toHaveAttribute('aria-pressed', 'true');
    expect(stored()).toMatchObject({ favorites: ['other/model', 'mm-demo/tiny-llama'], theme: 'dark' });
  });
});
