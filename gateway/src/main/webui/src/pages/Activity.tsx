import { Content, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { useLive } from '../lib/events';
import { hasRole, useMe } from '../lib/me';
import { Empty, LoadingRows, ProblemAlert, formatTime } from '../components/States';

/** The event log (live) and, for admins, the audit trail. */
export default function Activity() {
  const me = useMe();
  const { recent } = useLive();
  const events = useQuery({
    queryKey: ['events', recent[0]?.id],
    queryFn: () => call(api.GET('/api/v1/events', { params: { query: { limit: 50 } as never } })),
    placeholderData: (prev) => prev,
  });
  const admin = hasRole(me.data?.roles, 'admin');
  const audit = useQuery({
    queryKey: ['audit'],
    queryFn: () => call(api.GET('/api/v1/audit', { params: { query: { limit: 50 } as never } })),
    enabled: admin,
  });

  return (
    <>
      <Title headingLevel="h1">Activity</Title>
      <Content component="p">What happened across the services, as it happens.</Content>
      <Title headingLevel="h2" style={{ margin: '1rem 0' }}>
        Events
      </Title>
      {events.isPending ? (
        <LoadingRows />
      ) : events.isError ? (
        <ProblemAlert error={events.error} />
      ) : (events.data.items ?? []).length === 0 ? (
        <Empty title="No events yet">Install a model or reload the catalog to see events here.</Empty>
      ) : (
        <Table aria-label="Events" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th>Time</Th>
              <Th>Type</Th>
              <Th>Subject</Th>
            </Tr>
          </Thead>
          <Tbody>
            {(events.data.items ?? []).map((e) => (
              <Tr key={e.id}>
                <Td dataLabel="Time">{formatTime(e.time)}</Td>
                <Td dataLabel="Type">{(e.type ?? '').replace('dev.modelmanager.', '')}</Td>
                <Td dataLabel="Subject">{e.subject ?? '—'}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {admin && (
        <>
          <Title headingLevel="h2" style={{ margin: '1.5rem 0 1rem' }}>
            Audit trail
          </Title>
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
