import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Activity, { activityQuery } from './Activity';
import { ADMIN, VIEWER, mockApi, renderPage } from '../test-utils';

const ENTRY = {
  id: 'event:1',
  kind: 'event',
  type: 'dev.modelmanager.weights.install.succeeded',
  time: '2026-11-30T08:00:00Z',
  actor: 'alice',
  summary: 'alice installed mm-demo/tiny-llama@main into default: succeeded',
  outcome: 'succeeded',
  targets: [],
};

describe('activityQuery', () => {
  it('turns the comma-separated type into repeated type parameters and drops empty filters', () => {
    const q = activityQuery(new URLSearchParams('type=a.*, b.c&kind=event&model=&actor=bob'));
    expect(q.getAll('type')).toEqual(['a.*', 'b.c']);
    expect(q.get('kind')).toBe('event');
    expect(q.has('model')).toBe(false);
    expect(q.get('actor')).toBe('bob');
  });
});

describe('Activity', () => {
  it('sends the URL filters to the API and puts new filters into the URL', async () => {
    const calls = mockApi({
      'GET /api/v1/me': () => VIEWER,
      'GET /api/v1/activity': () => ({ items: [ENTRY] }),
    });
    renderPage(<Activity />, '/activity?kind=event&type=dev.modelmanager.weights.*');
    expect(await screen.findByText(ENTRY.summary)).toBeInTheDocument();
    const first = calls.find((c) => c.path === '/api/v1/activity')!;
    expect(first.query.get('kind')).toBe('event');
    expect(first.query.getAll('type')).toEqual(['dev.modelmanager.weights.*']);

    await userEvent.type(screen.getByLabelText('Actor'), 'alice');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await vi.waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('actor=alice'));
    expect(screen.getByTestId('location')).toHaveTextContent('kind=event');
    await vi.waitFor(() =>
      expect(calls.some((c) => c.path === '/api/v1/activity' && c.query.get('actor') === 'alice')).toBe(true),
    );
    // Viewers see no audit trail.
    expect(screen.queryByRole('button', { name: 'Verify audit chain' })).toBeNull();
  });

  it('exports the filtered feed as CSV with the bearer token', async () => {
    sessionStorage.setItem('mm.token', 'mm_t');
    const calls = mockApi({
      'GET /api/v1/me': () => VIEWER,
      'GET /api/v1/activity': () => ({ items: [ENTRY] }),
      'GET /api/v1/activity/export': () => new Response('id,kind\n', { headers: { 'Content-Type': 'text/csv' } }),
    });
    const created = vi.fn(() => 'blob:x');
    URL.createObjectURL = created;
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPage(<Activity />, '/activity?model=mm-demo/tiny-llama');
    await screen.findByText(ENTRY.summary);
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await vi.waitFor(() => expect(click).toHaveBeenCalled());
    const exp = calls.find((c) => c.path === '/api/v1/activity/export')!;
    expect(exp.query.get('format')).toBe('csv');
    expect(exp.query.get('model')).toBe('mm-demo/tiny-llama');
    const init = (fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls.find((c) =>
      String(c[0]).includes('/export'),
    )![1];
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer mm_t');
    click.mockRestore();
  });

  it('lets an admin verify the audit chain and shows where it breaks', async () => {
    mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/activity': () => ({ items: [] }),
      'GET /api/v1/audit': () => ({ items: [] }),
      'GET /api/v1/audit/verify': () => ({ valid: false, checked: 12, firstBrokenId: 7 }),
    });
    renderPage(<Activity />, '/activity');
    expect(await screen.findByText('No activity yet')).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Verify audit chain' }));
    const result = await screen.findByTestId('verify-result');
    expect(within(result).getByText('The audit chain is broken')).toBeInTheDocument();
    expect(result).toHaveTextContent('12 records checked; the first altered or missing record is 7');
  });

  it('filters the audit trail from the URL, pages back, and exports what matches', async () => {
    const record = {
      id: 41,
      time: '2026-11-30T09:00:00Z',
      actorSubject: 'alice',
      actorName: 'Alice',
      action: 'PATCH /api/v1/notifications/channels/{id}',
      targets: ['ch1'],
      outcome: '200',
    };
    const calls = mockApi({
      'GET /api/v1/me': () => ADMIN,
      'GET /api/v1/activity': () => ({ items: [] }),
      'GET /api/v1/audit': (r) =>
        r.query.get('cursor') === '41'
          ? { items: [{ ...record, id: 40, action: 'POST /api/v1/tokens', targets: [] }] }
          : { items: [record], nextCursor: '41' },
      'GET /api/v1/audit/export': () => new Response('[]', { headers: { 'Content-Type': 'application/json' } }),
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPage(<Activity />, '/activity?kind=request&auditActor=alice&auditFrom=2026-11-30T00:00:00.000Z');

    expect(await screen.findByText('PATCH /api/v1/notifications/channels/{id}')).toBeInTheDocument();
    const first = calls.find((c) => c.path === '/api/v1/audit')!;
    expect(first.query.get('actor')).toBe('alice');
    expect(first.query.get('from')).toBe('2026-11-30T00:00:00.000Z');
    expect(screen.getByLabelText('Actor (subject)')).toHaveValue('alice');

    await userEvent.click(screen.getByRole('button', { name: 'Show older records' }));
    expect(await screen.findByText('POST /api/v1/tokens')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Target'), 'ch1');
    await userEvent.click(screen.getByRole('button', { name: 'Apply audit filters' }));
    // Deep-linked, and the feed's own filter stays.
    await vi.waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('auditTarget=ch1'));
    expect(screen.getByTestId('location')).toHaveTextContent('kind=request');
    expect(screen.getByTestId('location')).toHaveTextContent('auditActor=alice');
    await vi.waitFor(() =>
      expect(calls.some((c) => c.path === '/api/v1/audit' && c.query.get('target') === 'ch1')).toBe(true),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Export audit JSONL' }));
    await vi.waitFor(() => expect(click).toHaveBeenCalled());
    const exp = calls.find((c) => c.path === '/api/v1/audit/export')!;
    expect(exp.query.get('format')).toBe('jsonl');
    expect(exp.query.get('actor')).toBe('alice');
    expect(exp.query.get('target')).toBe('ch1');
    click.mockRestore();
  });
});
