import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ModelPage from './ModelPage';
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

function api(prefs: Record<string, unknown> = { favorites: [], theme: 'system' }) {
  let stored = prefs;
  const calls = mockApi({
    'GET /api/v1/models/mm-demo/tiny-llama/details': () => DETAILS,
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
  it('installs through the wizard: location, files, review, then the job', async () => {
    const { calls } = api({ favorites: [], theme: 'system', defaultLocation: 'default' });
    renderPage(<ModelPage />, '/models/mm-demo/tiny-llama', '/models/:org/:name');
    await userEvent.click(await screen.findByRole('button', { name: 'Install weights' }));
    const wizard = await screen.findByRole('dialog');
    expect(await within(wizard).findByLabelText(/^default: 50.0 GiB free/)).toBeChecked();
    expect(within(wizard).getByLabelText(/^small: 2.0 GiB free — not enough/)).not.toBeChecked();
    await userEvent.click(within(wizard).getByRole('button', { name: 'Next' }));

    await userEvent.click(within(wizard).getByLabelText(/Safetensors weights/));
    expect(within(wizard).getByTestId('files-matched')).toHaveTextContent('3 of 4 files match');
    expect(within(wizard).getByTestId('files-matched')).toHaveTextContent('Left out: pytorch_model.bin');
    await userEvent.click(within(wizard).getByLabelText(/Pin the snapshot/));
    await userEvent.click(within(wizard).getByRole('button', { name: 'Next' }));

    const summary = within(wizard).getByLabelText('Install summary');
    expect(summary).toHaveTextContent('default (50.0 GiB free)');
    expect(summary).toHaveTextContent('fits L4-24GB with TP 1, up to 8,192 tokens of context');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.click(within(wizard).getByRole('button', { name: 'Start install' }));
    await vi.waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/jobs?job=job-1'));
    const body = calls.find((c) => c.path === '/api/v1/weights/installs')!.body as Record<string, unknown>;
    expect(body).toMatchObject({ repo: 'mm-demo/tiny-llama', revision: 'main', location: 'default', pin: true });
    expect(body.include).toEqual(['*.safetensors', '*.json', '*.txt', '*.model', '*.tiktoken', '*.py']);
  });

  it('warns before a 507 when the chosen location is too small', async () => {
    api();
    renderPage(<ModelPage />, '/models/mm-demo/tiny-llama', '/models/:org/:name');
    await userEvent.click(await screen.findByRole('button', { name: 'Install weights' }));
    const wizard = await screen.findByRole('dialog');
    await userEvent.click(await within(wizard).findByLabelText(/^small:/));
    await userEvent.click(within(wizard).getByRole('button', { name: 'Next' }));
    await userEvent.click(within(wizard).getByRole('button', { name: 'Next' }));
    expect(within(wizard).getByTestId('space-verdict')).toHaveTextContent('507 Insufficient Storage');
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
