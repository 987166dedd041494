import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import Discover from './Discover';
import { mockApi, problem, renderPage } from '../test-utils';

const COLLECTIONS = {
  items: [
    {
      id: 'fits-one-l4',
      title: 'Fits one L4',
      description: 'Up to 9B parameters on a single L4.',
      params: { fitsGpu: 'L4-24GB', maxParams: '9000000000', pipelineTag: 'text-generation' },
    },
    { id: 'code', title: 'Code', description: 'Models for code.', params: { q: 'coder' } },
  ],
};
const PAGE = { items: [{ id: 'Qwen/Qwen2.5-Coder-7B', vllmSupported: true, downloads: 5 }] };

function api(extra: Record<string, (r: never) => unknown> = {}) {
  return mockApi({
    'GET /api/v1/gpus': () => ({ items: [{ name: 'H100-80GB', countPerNode: 8 }] }),
    'GET /api/v1/me/preferences': () => ({ favorites: ['Qwen/Qwen2.5-0.5B', 'mm-demo/tiny-llama'], theme: 'system' }),
    'GET /api/v1/discover/collections': () => COLLECTIONS,
    'GET /api/v1/huggingface/search': () => PAGE,
    ...extra,
  });
}

describe('Discover', () => {
  it('applies a collection: its search goes to the URL and the API, and a second click clears it', async () => {
    const calls = api();
    renderPage(<Discover />, '/discover');
    const card = await screen.findByRole('button', { name: 'Fits one L4' });
    expect(card).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByText('Up to 9B parameters on a single L4.')).toBeInTheDocument();

    await userEvent.click(card);
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/discover?collection=fits-one-l4&fitsGpu=L4-24GB&maxParams=9000000000&pipelineTag=text-generation',
      ),
    );
    expect(await screen.findByRole('link', { name: 'Qwen/Qwen2.5-Coder-7B' })).toBeInTheDocument();
    const search = calls.filter((c) => c.path === '/api/v1/huggingface/search').at(-1)!;
    expect(search.query.get('fitsGpu')).toBe('L4-24GB');
    expect(search.query.get('maxParams')).toBe('9000000000');
    expect(search.query.get('pipelineTag')).toBe('text-generation');
    expect(search.query.has('collection')).toBe(false);
    // The collection's GPU shows in the form even though it is not a pool.
    expect(screen.getByLabelText('Fits GPU pool')).toHaveValue('L4-24GB');
    expect(screen.getByRole('button', { name: 'Fits one L4' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Fits one L4' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/discover$/));
  });

  it('keeps a collection’s hidden parameters when its search is refined in the form', async () => {
    const calls = api();
    renderPage(<Discover />, '/discover?collection=fits-one-l4&fitsGpu=L4-24GB&maxParams=9000000000');
    await userEvent.type(await screen.findByLabelText('Search'), 'qwen');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/discover?collection=fits-one-l4&maxParams=9000000000&q=qwen&fitsGpu=L4-24GB',
      ),
    );
    await waitFor(() =>
      expect(calls.filter((c) => c.path === '/api/v1/huggingface/search').at(-1)!.query.get('q')).toBe('qwen'),
    );
  });

  it('shows the favorites as links to their model pages', async () => {
    api();
    renderPage(<Discover />, '/discover');
    const fav = await screen.findByRole('link', { name: /Qwen\/Qwen2.5-0.5B/ });
    expect(fav).toHaveAttribute('href', '/models/Qwen/Qwen2.5-0.5B');
    expect(screen.getByRole('link', { name: /mm-demo\/tiny-llama/ })).toHaveAttribute('href', '/models/mm-demo/tiny-llama');
  });

  it('has no accessibility violations with collections and favorites shown', async () => {
    api();
    const { container } = renderPage(<Discover />, '/discover');
    await screen.findByRole('button', { name: 'Fits one L4' });
    await screen.findByText('Your favorites');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('hides collections and favorites it cannot read', async () => {
    const calls = api({
      'GET /api/v1/discover/collections': () => problem(403, 'needs discovery:read'),
      'GET /api/v1/me/preferences': () => ({ favorites: [], theme: 'system' }),
    });
    renderPage(<Discover />, '/discover');
    expect(await screen.findByText('Search for a model')).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/discover/collections')).toBe(true));
    await waitFor(() => expect(screen.queryByText('Collections')).toBeNull());
    expect(screen.queryByText('Your favorites')).toBeNull();
  });
});
