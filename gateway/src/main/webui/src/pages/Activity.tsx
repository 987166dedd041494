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
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
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
    mutationFn: (format: 'csv' | 'json') => {
      const q = new URLSearchParams(query);
      q.set('format', format);
      return downloadWithToken(`/api/v1/activity/export?${q}`, `activity.${format}`);
    },
  });

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const f of ACTIVITY_FILTERS) if (form[f].trim()) next.set(f, form[f].trim());
    setParams(next);
  }
  function clear() {
    setForm(Object.fromEntries(ACTIVITY_FILTERS.map((f) => [f, ''])) as Record<Filter, string>);
    setParams(new URLSearchParams());
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

/** The signed, hash-chained audit trail (admins): the newest records and a chain check. */
function AuditTrail() {
  const audit = useQuery({
    queryKey: ['audit'],
    queryFn: () => call(api.GET('/api/v1/audit', { params: { query: { limit: 50 } as never } })),
  });
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/v1/audit/verify')) });

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
      {audit.isPending ? (
        <LoadingRows />
      ) : audit.isError ? (
        <ProblemAlert error={audit.error} />
      ) : (
        <Table aria-label="Audit records" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th>Time</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Outcome</Th>
            </Tr>
          </Thead>
          <Tbody>
            {((audit.data.items ?? []) as unknown as AuditLike[]).map((a) => (
              <Tr key={a.seq ?? a.id}>
                <Td dataLabel="Time">{formatTime(a.time)}</Td>
                <Td dataLabel="Actor">{a.actor ?? a.subject ?? '—'}</Td>
                <Td dataLabel="Action">
                  {a.method} {a.path ?? a.action}
                </Td>
                <Td dataLabel="Outcome">{a.status ?? a.outcome}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
}

interface AuditLike {
  seq?: number;
  id?: string;
  time?: string;
  actor?: string;
  subject?: string;
  method?: string;
  path?: string;
  action?: string;
  status?: number;
  outcome?: string;
}
