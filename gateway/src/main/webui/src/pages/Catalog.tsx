import { Content, FormSelect, FormSelectOption, Label, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { Empty, LoadingRows, ProblemAlert, formatTime } from '../components/States';
import { FilterNote } from '../components/FilterNote';
import { matchesText } from '../lib/textFilter';
import { BotProposals } from './catalog/BotProposals';

/**
 * The approved catalog (git): one row per entry; then the update bot's proposals and the pull
 * requests that propose changes.
 */
export default function Catalog() {
  const [params] = useSearchParams();
  const q = params.get('q');
  const entries = useQuery({
    queryKey: ['catalog', 'entries'],
    queryFn: () => call(api.GET('/api/v1/catalog/entries', { params: { query: { limit: 200 } as never } })),
  });
  return (
    <>
      <Title headingLevel="h1">Catalog</Title>
      <Content component="p">Approved models, kept in git. Each entry can be activated as a deployment.</Content>
      <FilterNote />
      {entries.isPending ? (
        <LoadingRows />
      ) : entries.isError ? (
        <ProblemAlert error={entries.error} title="Catalog not available" />
      ) : (entries.data.items ?? []).length === 0 ? (
        <Empty title="The catalog is empty">
          Open a model's page from Discover and choose "Add to catalog" to propose its first entry.
        </Empty>
      ) : (
        <Table aria-label="Catalog entries" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th>Entry</Th>
              <Th>Model</Th>
              <Th>Revision</Th>
              <Th>License</Th>
              <Th>Commit</Th>
            </Tr>
          </Thead>
          <Tbody>
            {(entries.data.items ?? [])
              .filter(({ entry }) => matchesText(q, entry?.id, entry?.displayName, entry?.hfModelId))
              .map(({ entry, commit }) => (
              <Tr key={entry!.id}>
                <Td dataLabel="Entry">
                  <Link to={`/catalog/${entry!.id}`}>{entry!.displayName || entry!.id}</Link>
                </Td>
                <Td dataLabel="Model">{entry!.hfModelId}</Td>
                <Td dataLabel="Revision">
                  <code>{entry!.revision?.slice(0, 12)}</code>
                </Td>
                <Td dataLabel="License">{entry!.license ?? '—'}</Td>
                <Td dataLabel="Commit">
                  <code>{commit?.slice(0, 10)}</code>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <BotProposals />
      <PullRequests />
    </>
  );
}

const PR_COLOR: Record<string, 'blue' | 'purple' | 'grey'> = { open: 'blue', merged: 'purple', closed: 'grey' };

/** Catalog pull requests with their state; the state filter is in the URL (?prState=open). */
function PullRequests() {
  const [params, setParams] = useSearchParams();
  const state = params.get('prState') ?? '';
  const prs = useQuery({
    queryKey: ['catalog', 'pull-requests', state],
    queryFn: () =>
      call(
        api.GET('/api/v1/catalog/pull-requests', {
          params: { query: { limit: 50, state: state || undefined } },
        }),
      ),
  });
  function filter(v: string) {
    const next = new URLSearchParams(params);
    if (v) next.set('prState', v);
    else next.delete('prState');
    setParams(next);
  }
  const items = prs.data?.items ?? [];
  return (
    <>
      <Title headingLevel="h2" style={{ margin: '1.5rem 0 1rem' }}>
        Pull requests
      </Title>
      <FormSelect
        id="pr-state"
        aria-label="Pull request state"
        value={state}
        onChange={(_e, v) => filter(v)}
        style={{ maxWidth: '12rem', marginBottom: '1rem' }}
      >
        <FormSelectOption value="" label="every state" />
        <FormSelectOption value="open" label="open" />
        <FormSelectOption value="merged" label="merged" />
        <FormSelectOption value="closed" label="closed" />
      </FormSelect>
      {prs.isPending ? (
        <LoadingRows rows={2} />
      ) : prs.isError ? (
        <ProblemAlert error={prs.error} title="Pull requests not available" />
      ) : items.length === 0 ? (
        <Empty title="No pull requests">{state ? 'None in this state.' : 'Proposals from "Add to catalog" and the update bot appear here.'}</Empty>
      ) : (
        <Table aria-label="Catalog pull requests" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th>Pull request</Th>
              <Th>Entry</Th>
              <Th>Kind</Th>
              <Th>State</Th>
              <Th>Updated</Th>
            </Tr>
          </Thead>
          <Tbody>
            {items.map((p) => (
              <Tr key={p.number} data-testid={`pr-${p.number}`}>
                <Td dataLabel="Pull request">
                  <a href={p.url} target="_blank" rel="noreferrer">
                    #{p.number} {p.title}
                  </a>
                </Td>
                <Td dataLabel="Entry">{p.entryId}</Td>
                <Td dataLabel="Kind">{p.kind ?? '—'}</Td>
                <Td dataLabel="State">
                  <Label isCompact color={PR_COLOR[p.state ?? ''] ?? 'grey'}>
                    {p.state}
                  </Label>
                </Td>
                <Td dataLabel="Updated">{formatTime(p.updatedAt ?? p.createdAt)}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
}
