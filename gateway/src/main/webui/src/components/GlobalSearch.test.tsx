import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { GlobalSearch } from './GlobalSearch';
import { mockApi, problem, renderPage } from '../test-utils';

const HUB = {
  items: [
    { id: 'meta-llama/Llama-3.1-8B', pipelineTag: 'text-generation' },
    { id: 'mm-demo/tiny-llama', pipelineTag: 'text-generation' },
  ],
};
const WEIGHTS = { items: [{ id: 's1', repo: 'mm-demo/tiny-llama', revision: 'abcdef0123456789', location: 'default' }] };
const JOBS = {
  items: [
    { id: 'job-1', repo: 'mm-demo/tiny-llama', state: 'SUCCEEDED' },
    { id: 'job-2', repo: 'Qwen/Qwen2.5-0.5B', state: 'FAILED' },
  ],
};
const ENTRIES = {
  items: [
    { entry: { id: 'tiny-llama', hfModelId: 'mm-demo/tiny-llama' } },
    { entry: { id: 'qwen2-5-0-5b', hfModelId: 'Qwen/Qwen2.5-0.5B' } },
  ],
};

function api() {
  return mockApi({
    'GET /api/v1/huggingface/search': () => HUB,
    'GET /api/v1/weights': () => WEIGHTS,
    'GET /api/v1/weights/installs': (r) => ({
      items: JOBS.items.filter((j) => j.repo.toLowerCase().includes(r.query.get('q') ?? '')),
    }),
    'GET /api/v1/catalog/entries': () => ENTRIES,
    // A viewer token without deploy:read: the group is left out.
    'GET /api/v1/deployments': () => problem(403, 'needs deploy:read'),
  });
}

async function typeQuery(text: string) {
  const box = screen.getByRole('combobox', { name: /Search models/ });
  await userEvent.click(box);
  await userEvent.type(box, text);
  const list = await screen.findByRole('listbox', { name: 'Search results' });
  await within(list).findByRole('option', { name: /meta-llama\/Llama-3.1-8B/ });
  await waitFor(() => expect(within(list).queryByText('Searching…')).toBeNull());
  return { box, list };
}

describe('GlobalSearch', () => {
  it('lists grouped hits as one types, searched once per pause, without the groups it may not read', async () => {
    const calls = api();
    renderPage(<GlobalSearch />, '/activity');
    const { box, list } = await typeQuery('llama');
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(within(list).getByRole('group', { name: 'Models on Hugging Face' })).toBeInTheDocument();
    expect(within(list).getByRole('group', { name: 'Staged weights' })).toHaveTextContent('mm-demo/tiny-llama@abcdef012345');
    const jobs = within(list).getByRole('group', { name: 'Jobs' });
    expect(within(jobs).getByRole('option', { name: /mm-demo\/tiny-llama/ })).toBeInTheDocument();
    expect(jobs).not.toHaveTextContent('Qwen');
    const catalog = within(list).getByRole('group', { name: 'Catalog entries' });
    expect(within(catalog).getAllByRole('option')).toHaveLength(2); // the entry and "see all"
    expect(within(list).queryByRole('group', { name: 'Deployments' })).toBeNull();
    expect(list).not.toHaveTextContent('deploy:read');
    // One request per group for the whole word, with the text where the API takes it.
    const hub = calls.filter((c) => c.path === '/api/v1/huggingface/search');
    expect(hub).toHaveLength(1);
    expect(hub[0].query.get('q')).toBe('llama');
    expect(calls.filter((c) => c.path === '/api/v1/weights')[0].query.get('q')).toBe('llama');
    expect(calls.filter((c) => c.path === '/api/v1/weights/installs')[0].query.get('q')).toBe('llama');
  });

  it('moves with the arrows, opens the highlighted hit with Enter and closes with Escape', async () => {
    api();
    renderPage(<GlobalSearch />, '/activity');
    const { box, list } = await typeQuery('llama');
    await userEvent.keyboard('{ArrowDown}');
    const first = within(list).getAllByRole('option')[0];
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', first.id);
    await userEvent.keyboard('{ArrowDown}{ArrowUp}{ArrowUp}');
    // Up from the first wraps to the last option.
    const options = within(list).getAllByRole('option');
    expect(options.at(-1)).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Escape}');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).not.toHaveAttribute('aria-activedescendant');

    await userEvent.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-expanded', 'true');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/models/meta-llama/Llama-3.1-8B'));
  });

  it('"see all" opens the page filtered by the text; Enter without a hit searches the Hub', async () => {
    api();
    renderPage(<GlobalSearch />, '/activity');
    const { list } = await typeQuery('llama');
    await userEvent.click(within(list).getByRole('option', { name: /See all staged weights/ }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/weights?q=llama'));

    const box = screen.getByRole('combobox', { name: /Search models/ });
    await userEvent.click(box);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/discover?q=llama'));
  });

  it('shows why a group could not be searched, other than a 403', async () => {
    mockApi({
      'GET /api/v1/huggingface/search': () => HUB,
      'GET /api/v1/weights': () => WEIGHTS,
      'GET /api/v1/weights/installs': () => ({ items: [] }),
      'GET /api/v1/catalog/entries': () => problem(502, 'catalog-service did not answer'),
      'GET /api/v1/deployments': () => ({ items: [] }),
    });
    renderPage(<GlobalSearch />, '/activity');
    const { list } = await typeQuery('llama');
    const catalog = await within(list).findByRole('group', { name: 'Catalog entries' });
    expect(catalog).toHaveTextContent('Not searched: catalog-service did not answer');
    // Groups without hits are not shown.
    expect(within(list).queryByRole('group', { name: 'Jobs' })).toBeNull();
  });

  it('has no accessibility violations with the results open', async () => {
    api();
    const { container } = renderPage(<GlobalSearch />, '/activity');
    await typeQuery('llama');
    await userEvent.keyboard('{ArrowDown}');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('"/" focuses the box from anywhere but a field', async () => {
    api();
    renderPage(<GlobalSearch />, '/activity');
    const box = screen.getByRole('combobox', { name: /Search models/ });
    await userEvent.keyboard('/');
    expect(box).toHaveFocus();
    expect(box).toHaveValue('');
  });
});
