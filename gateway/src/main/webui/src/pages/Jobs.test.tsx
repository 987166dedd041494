import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Jobs from './Jobs';
import { fileState } from './jobs/JobFiles';
import { ADMIN, mockApi, renderPage } from '../test-utils';

const MIB = 1024 ** 2;
const JOB = {
  id: '22222222-2222-2222-2222-222222222222',
  repo: 'mm-demo/tiny-llama',
  revision: 'main',
  state: 'RUNNING',
  location: 'default',
  createdAt: '2026-11-30T12:00:00Z',
  skipped: ['consolidated.safetensors'],
  progress: {
    bytesDone: 6 * MIB,
    bytesTotal: 12 * MIB,
    bytesPerSecond: MIB,
    etaSeconds: 6,
    files: [
      { path: 'config.json', size: 1024, bytesDone: 1024, verified: true },
      { path: 'model-00001-of-00002.safetensors', size: 6 * MIB, bytesDone: 5 * MIB, verified: false },
      { path: 'model-00002-of-00002.safetensors', size: 6 * MIB, bytesDone: 0, verified: false },
    ],
  },
};

describe('Jobs', () => {
  it('opens a job to its files, each with its state, and the files its plan skipped', async () => {
    mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/weights/installs': () => ({ items: [JOB] }),
    });
    renderPage(<Jobs />);
    expect(await screen.findByText(JOB.repo)).toBeInTheDocument();
    expect(screen.queryByTestId('job-files')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /details|expand|toggle/i }));
    const files = await screen.findByTestId('job-files');
    const row = (name: string) => within(files).getByText(name).closest('tr')!;
    expect(within(row('config.json')).getByText('verified')).toBeInTheDocument();
    expect(within(row('model-00001-of-00002.safetensors')).getByText('downloading')).toBeInTheDocument();
    expect(within(row('model-00002-of-00002.safetensors')).getByText('waiting')).toBeInTheDocument();
    expect(screen.getByTestId('job-skipped')).toHaveTextContent('consolidated.safetensors');
  });

  it('calls a fully downloaded file not yet verified "checking"', () => {
    expect(fileState({ path: 'a', size: 10, bytesDone: 10, verified: false }).label).toBe('checking');
    expect(fileState({ path: 'a', size: 10, bytesDone: 10, verified: true }).label).toBe('verified');
  });
});
