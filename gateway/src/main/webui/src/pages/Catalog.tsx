import { Content, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { Empty, LoadingRows, ProblemAlert } from '../components/States';

/** The approved catalog (git): one row per entry. */
export default function Catalog() {
  const entries = useQuery({
    queryKey: ['catalog', 'entries'],
    queryFn: () => call(api.GET('/api/v1/catalog/entries', { params: { query: { limit: 200 } as never } })),
  });
  return (
    <>
      <Title headingLevel="h1">Catalog</Title>
      <Content component="p">Approved models, kept in git. Each entry can be activated as a deployment.</Content>
      {entries.isPending ? (
        <LoadingRows />
      ) : entries.isError ? (
        <ProblemAlert error={entries.error} title="Catalog not available" />
      ) : (entries.data.items ?? []).length === 0 ? (
        <Empty title="The catalog is empty">Entries arrive through pull requests to the catalog repository.</Empty>
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
            {(entries.data.items ?? []).map(({ entry, commit }) => (
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
    </>
  );
}
