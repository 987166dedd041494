import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Content,
  Flex,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import type { components } from '../api/schema';
import { useLive } from '../lib/events';
import { hasRole, useMe } from '../lib/me';
import { downloadWithToken } from '../lib/download';
import { Empty, LoadingRows, ProblemAlert, formatTime } from '../components/States';

/** The feed's filters as the API names them; each is a URL parameter of the page too. */
export const ACTIVITY_FILTERS = ['type', 'kind', 'model', 'actor', 'since', 'until'] as const;
type Filter = (typeof ACTIVITY_FILTERS)[number];

/** The API query of the page's URL: type is comma-separated in the form, repeated in the API. */
export function activityQuery(params: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams();
  for (const f of ACTIVITY_FILTERS) {
    const v = params.get(f);
    if (!v) continue;
    if (f === 'type') {
      v.split(',').map((t) => t.trim()).filter(Boolean).forEach((t) => q.append('type', t));
    } else {
      q.set(f, v);
    }
  }
  return q;
}

/** `params` with each named parameter set to its value (a blank one removed); the others kept. */
function replaceParams(params: URLSearchParams, values: [string, string][]): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of values) {
    if (v.trim()) next.set(k, v.trim());
    else next.delete(k);
  }
  return next;
}

/** Downloads everything an export endpoint has for `query` in `format`. */
function exportMatching(path: string, query: URLSearchParams, format: string, name: string): Promise<void> {
  const q = new URLSearchParams(query);
  q.set('format', format);
  return downloadWithToken(`${path}?${q}`, `${name}.${format}`);
}

/** An ISO instant as a datetime-local input shows it (local time, minutes), and back. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
function fromLocalInput(v: string): string {
  const d = new Date(v);
  return v && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
}

/** What happened (events and people's changes, filtered, exportable) and, for admins, the audit trail. */
export default function Activity() {
  const me = useMe();
  const admin = hasRole(me.data?.roles, 'admin');
  const { recent } = useLive();
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState(
    () => Object.fromEntries(ACTIVITY_FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>,
  );
  const query = activityQuery(params);

  const feed = useQuery({
    // The newest live event's id in the key: the feed refreshes when something happens.
    queryKey: ['activity', query.toString(), recent[0]?.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/activity', {
          params: {
            query: {
              ...Object.fromEntries(query),
              type: query.has('type') ? query.getAll('type') : undefined,
              limit: 100,
            },
          },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  const exporter = useMutation({
    mutationFn: (format: 'csv' | 'json') => exportMatching('/api/v1/activity/export', query, format, 'activity'),
  });

  // The audit section's filters share the URL: each form changes only its own parameters.
  function apply(e: FormEvent) {
    e.preventDefault();
    setParams(replaceParams(params, ACTIVITY_FILTERS.map((f) => [f, form[f]])));
  }
  function clear() {
    setForm(Object.fromEntries(ACTIVITY_FILTERS.map((f) => [f, ''])) as Record<Filter, string>);
    setParams(replaceParams(params, ACTIVITY_FILTERS.map((f) => [f, ''])));
  }
  const set = (f: Filter) => (_e: unknown, v: string) => setForm((s) => ({ ...s, [f]: v }));
  const items = feed.data?.items ?? [];

  return (
    <>
      <Title headingLevel="h1">Activity</Title>
      <Content component="p">What happened across the services and who asked for it, as it happens.</Content>
      <Form onSubmit={apply} aria-label="Activity filters" style={{ margin: '1rem 0' }}>
        <Flex alignItems={{ default: 'alignItemsFlexEnd' }} flexWrap={{ default: 'wrap' }}>
          <FormGroup label="Type" fieldId="f-type">
            <TextInput
              id="f-type"
              value={form.type}
              onChange={set('type')}
              placeholder="dev.modelmanager.weights.*"
            />
          </FormGroup>
          <FormGroup label="Kind" fieldId="f-kind">
            <FormSelect id="f-kind" value={form.kind} onChange={set('kind')}>
              <FormSelectOption value="" label="any" />
              <FormSelectOption value="event" label="events" />
              <FormSelectOption value="request" label="requests" />
            </FormSelect>
          </FormGroup>
          <FormGroup label="Model" fieldId="f-model">
            <TextInput id="f-model" value={form.model} onChange={set('model')} placeholder="org/name" />
          </FormGroup>
          <FormGroup label="Actor" fieldId="f-actor">
            <TextInput id="f-actor" value={form.actor} onChange={set('actor')} />
          </FormGroup>
          <FormGroup label="Since" fieldId="f-since">
            <TextInput
              id="f-since"
              type="datetime-local"
              value={form.since ? toLocalInput(form.since) : ''}
              onChange={(_e, v) => setForm((s) => ({ ...s, since: fromLocalInput(v) }))}
            />
          </FormGroup>
          <FormGroup label="Until" fieldId="f-until">
            <TextInput
              id="f-until"
              type="datetime-local"
              value={form.until ? toLocalInput(form.until) : ''}
              onChange={(_e, v) => setForm((s) => ({ ...s, until: fromLocalInput(v) }))}
            />
          </FormGroup>
          <Button type="submit">Apply filters</Button>
          <Button variant="link" onClick={clear}>
            Clear
          </Button>
        </Flex>
      </Form>
      <Flex style={{ marginBottom: '1rem' }}>
        <Button variant="secondary" onClick={() => exporter.mutate('csv')} isLoading={exporter.isPending && exporter.variables === 'csv'}>
          Export CSV
        </Button>
        <Button variant="secondary" onClick={() => exporter.mutate('json')} isLoading={exporter.isPending && exporter.variables === 'json'}>
          Export JSON
        </Button>
      </Flex>
      {exporter.isError && <ProblemAlert error={exporter.error} title="Export failed" />}
      {feed.isPending ? (
        <LoadingRows />
      ) : feed.isError ? (
        <ProblemAlert error={feed.error} />
      ) : items.length === 0 ? (
        <Empty title={query.size > 0 ? 'Nothing matches these filters' : 'No activity yet'}>
          {query.size > 0 ? 'Widen the filters or clear them.' : 'Install a model or reload the catalog to see activity here.'}
        </Empty>
      ) : (
        <Table aria-label="Activity" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th>Time</Th>
              <Th>Actor</Th>
              <Th>What happened</Th>
              <Th>Outcome</Th>
            </Tr>
          </Thead>
          <Tbody>
            {items.map((a) => (
              <Tr key={a.id}>
                <Td dataLabel="Time">{formatTime(a.time)}</Td>
                <Td dataLabel="Actor">{a.actorName || a.actor || '—'}</Td>
                <Td dataLabel="What happened">
                  <Label isCompact color={a.kind === 'request' ? 'blue' : 'grey'}>
                    {a.kind}
                  </Label>{' '}
                  {a.summary}
                </Td>
                <Td dataLabel="Outcome">{a.outcome ?? '—'}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {feed.data?.nextCursor && (
        <Content component="small">Showing the newest 100: narrow the filters or export for the rest.</Content>
      )}
      {admin && <AuditTrail />}
    </>
  );
}

/** The audit API's filters and the page's URL parameters for them (prefixed: the feed has its own). */
export const AUDIT_FILTERS = [
  { api: 'actor', url: 'auditActor', label: 'Actor (subject)' },
  { api: 'action', url: 'auditAction', label: 'Action', placeholder: 'PATCH /api/v1/notifications/channels/{id}' },
  { api: 'target', url: 'auditTarget', label: 'Target', placeholder: 'an id the action touched' },
  { api: 'outcome', url: 'auditOutcome', label: 'Outcome', placeholder: '403' },
  { api: 'from', url: 'auditFrom', label: 'From', time: true },
  { api: 'to', url: 'auditTo', label: 'To', time: true },
] as const;
type AuditUrlKey = (typeof AUDIT_FILTERS)[number]['url'];

/** The audit API query of the page's URL. */
export function auditQuery(params: URLSearchParams): Record<string, string> {
  const q: Record<string, string> = {};
  for (const f of AUDIT_FILTERS) {
    const v = params.get(f.url)?.trim();
    if (v) q[f.api] = v;
  }
  return q;
}

type AuditRecord = components['schemas']['AuditRecordView'];

/**
 * The signed, hash-chained audit trail (admins): filters kept in the URL, the newest records with
 * older pages on demand, export in the API's formats, and a chain check.
 */
function AuditTrail() {
  const [params, setParams] = useSearchParams();
  const query = auditQuery(params);
  const key = new URLSearchParams(query).toString();
  const [form, setForm] = useState(
    () => Object.fromEntries(AUDIT_FILTERS.map((f) => [f.url, params.get(f.url) ?? ''])) as Record<AuditUrlKey, string>,
  );
  const audit = useInfiniteQuery({
    queryKey: ['audit', key],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/audit', { params: { query: { ...query, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/v1/audit/verify')) });
  const exporter = useMutation({
    mutationFn: (format: 'csv' | 'json' | 'jsonl') =>
      exportMatching('/api/v1/audit/export', new URLSearchParams(query), format, 'audit'),
  });

  function apply(e: FormEvent) {
    e.preventDefault();
    setParams(replaceParams(params, AUDIT_FILTERS.map((f) => [f.url, form[f.url]])));
  }
  function clear() {
    setForm(Object.fromEntries(AUDIT_FILTERS.map((f) => [f.url, ''])) as Record<AuditUrlKey, string>);
    setParams(replaceParams(params, AUDIT_FILTERS.map((f) => [f.url, ''])));
  }
  const records: AuditRecord[] = audit.data?.pages.flatMap((p) => p.items ?? []) ?? [];
  const filtered = Object.keys(query).length > 0;

  return (
    <>
      <Flex
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
        alignItems={{ default: 'alignItemsCenter' }}
        style={{ margin: '1.5rem 0 1rem' }}
      >
        <Title headingLevel="h2">Audit trail</Title>
        <Button variant="secondary" onClick={() => verify.mutate()} isLoading={verify.isPending}>
          Verify audit chain
        </Button>
      </Flex>
      {verify.isError && <ProblemAlert error={verify.error} title="Verification failed to run" />}
      {verify.data &&
        (verify.data.valid ? (
          <Alert isInline variant="success" title="The audit chain is intact" data-testid="verify-result">
            {verify.data.checked} records checked: every hash and signature matches and none is missing.
          </Alert>
        ) : (
          <Alert isInline variant="danger" title="The audit chain is broken" data-testid="verify-result">
            {verify.data.checked} records checked; the first altered or missing record is{' '}
            {verify.data.firstBrokenId ?? 'at the end of the chain'}.
          </Alert>
        ))}
      <Form onSubmit={apply} aria-label="Audit filters" style={{ margin: '1rem 0' }}>
        <Flex alignItems={{ default: 'alignItemsFlexEnd' }} flexWrap={{ default: 'wrap' }}>
          {AUDIT_FILTERS.map((f) => (
            <FormGroup key={f.url} label={f.label} fieldId={`a-${f.api}`}>
              {'time' in f ? (
                <TextInput
                  id={`a-${f.api}`}
                  type="datetime-local"
                  value={form[f.url] ? toLocalInput(form[f.url]) : ''}
                  onChange={(_e, v) => setForm((s) => ({ ...s, [f.url]: fromLocalInput(v) }))}
                />
              ) : (
                <TextInput
                  id={`a-${f.api}`}
                  value={form[f.url]}
                  placeholder={'placeholder' in f ? f.placeholder : undefined}
                  onChange={(_e, v) => setForm((s) => ({ ...s, [f.url]: v }))}
                />
              )}
            </FormGroup>
          ))}
          <Button type="submit">Apply audit filters</Button>
          <Button variant="link" onClick={clear}>
            Clear
          </Button>
        </Flex>
      </Form>
      <Flex style={{ marginBottom: '1rem' }}>
        {(['csv', 'json', 'jsonl'] as const).map((format) => (
          <Button
            key={format}
            variant="secondary"
            onClick={() => exporter.mutate(format)}
            isLoading={exporter.isPending && exporter.variables === format}
          >
            Export audit {format.toUpperCase()}
          </Button>
        ))}
      </Flex>
      {exporter.isError && <ProblemAlert error={exporter.error} title="Audit export failed" />}
      {audit.isPending ? (
        <LoadingRows />
      ) : audit.isError ? (
        <ProblemAlert error={audit.error} />
      ) : records.length === 0 ? (
        <Empty title={filtered ? 'No audit records match these filters' : 'No audit records yet'}>
          {filtered ? 'Widen the audit filters or clear them.' : 'Every change made through the API is recorded here.'}
        </Empty>
      ) : (
        <>
          <Table aria-label="Audit records" variant="compact" gridBreakPoint="grid-md">
            <Thead>
              <Tr>
                <Th>Time</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Targets</Th>
                <Th>Outcome</Th>
              </Tr>
            </Thead>
            <Tbody>
              {records.map((a) => (
                <Tr key={a.id}>
                  <Td dataLabel="Time">{formatTime(a.time)}</Td>
                  <Td dataLabel="Actor">{a.actorName || a.actorSubject || '—'}</Td>
                  <Td dataLabel="Action" modifier="breakWord">
                    {a.action}
                  </Td>
                  <Td dataLabel="Targets" modifier="breakWord">
                    {a.targets?.join(', ') || '—'}
                  </Td>
                  <Td dataLabel="Outcome">{a.outcome ?? '—'}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          {audit.hasNextPage && (
            <Button
              variant="link"
              onClick={() => void audit.fetchNextPage()}
              isLoading={audit.isFetchingNextPage}
              style={{ marginTop: '0.5rem' }}
            >
              Show older records
            </Button>
          )}
        </>
      )}
    </>
  );
}
