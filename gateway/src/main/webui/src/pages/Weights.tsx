import { Button, Content, Gallery, Card, CardBody, CardTitle, Label, Progress, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { Empty, LoadingRows, ProblemAlert, formatBytes, formatTime } from '../components/States';

/** Storage locations with usage bars, and the staged snapshots with pin/unpin. */
export default function Weights() {
  const client = useQueryClient();
  const locations = useQuery({
    queryKey: ['locations'],
    queryFn: () => call(api.GET('/api/v1/weights/locations')),
  });
  const snapshots = useQuery({
    queryKey: ['weights', 'list'],
    queryFn: () => call(api.GET('/api/v1/weights', { params: { query: { limit: 200 } as never } })),
  });
  const pin = useMutation({
    mutationFn: ({ id, pinned }: { id: string; pinned: boolean }) =>
      pinned
        ? call(api.POST('/api/v1/weights/{id}/unpin', { params: { path: { id } } }))
        : call(api.POST('/api/v1/weights/{id}/pin', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['weights'] }),
  });

  return (
    <>
      <Title headingLevel="h1">Weights</Title>
      <Content component="p">Staged model snapshots and the storage they use.</Content>
      <Title headingLevel="h2" style={{ margin: '1rem 0' }}>
        Locations
      </Title>
      {locations.isPending ? (
        <LoadingRows rows={2} />
      ) : locations.isError ? (
        <ProblemAlert error={locations.error} />
      ) : (
        <Gallery hasGutter minWidths={{ default: '100%', md: '20rem' }}>
          {(locations.data as unknown as LocationLike[]).map((l) => {
            const pct = l.capacityBytes > 0 ? (l.usedBytes / l.capacityBytes) * 100 : 0;
            return (
              <Card key={l.name} isCompact>
                <CardTitle>
                  {l.name} <Label isCompact>{l.level}</Label>
                </CardTitle>
                <CardBody>
                  <Progress
                    value={pct}
                    title={`${formatBytes(l.usedBytes)} of ${formatBytes(l.capacityBytes)} used`}
                    aria-label={`Usage of ${l.name}`}
                    variant={pct >= l.criticalPercent ? 'danger' : pct >= l.warnPercent ? 'warning' : undefined}
                  />
                  <small>
                    {formatBytes(l.freeBytes)} free · warn {l.warnPercent}% · critical {l.criticalPercent}%
                  </small>
                </CardBody>
              </Card>
            );
          })}
        </Gallery>
      )}
      <Title headingLevel="h2" style={{ margin: '1.5rem 0 1rem' }}>
        Inventory
      </Title>
      {pin.isError && <ProblemAlert error={pin.error} />}
      {snapshots.isPending ? (
        <LoadingRows />
      ) : snapshots.isError ? (
        <ProblemAlert error={snapshots.error} />
      ) : (snapshots.data.items ?? []).length === 0 ? (
        <Empty title="No weights staged yet">Install a model from Discover.</Empty>
      ) : (
        <Table aria-label="Staged weights" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th>Model</Th>
              <Th>Revision</Th>
              <Th>Size</Th>
              <Th>Location</Th>
              <Th>Last access</Th>
              <Th>In use by</Th>
              <Th screenReaderText="Actions" />
            </Tr>
          </Thead>
          <Tbody>
            {(snapshots.data.items ?? []).map((s) => (
              <Tr key={s.id}>
                <Td dataLabel="Model">
                  {s.repo} {s.pinned && <Label isCompact color="purple">pinned</Label>}
                </Td>
                <Td dataLabel="Revision">
                  {s.revision} <code>{s.commit?.slice(0, 10)}</code>
                </Td>
                <Td dataLabel="Size">{formatBytes(s.sizeBytes)}</Td>
                <Td dataLabel="Location">{s.location}</Td>
                <Td dataLabel="Last access">{formatTime(s.lastAccessedAt)}</Td>
                <Td dataLabel="In use by">{s.usedBy?.join(', ') || '—'}</Td>
                <Td dataLabel="Actions">
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => pin.mutate({ id: s.id!, pinned: !!s.pinned })}
                  >
                    {s.pinned ? 'Unpin' : 'Pin'}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
}

interface LocationLike {
  name: string;
  capacityBytes: number;
  usedBytes: number;
  freeBytes: number;
  warnPercent: number;
  criticalPercent: number;
  level: string;
}
