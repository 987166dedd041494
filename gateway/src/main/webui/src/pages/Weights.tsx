import { useState } from 'react';
import { Button, Content, Flex, Gallery, Card, CardBody, CardTitle, Label, Progress, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import type { components } from '../api/schema';
import { Confirm } from '../components/Confirm';
import { FilterNote } from '../components/FilterNote';
import { Empty, LoadingRows, ProblemAlert, formatBytes, formatTime } from '../components/States';
import { hasRole, useMe } from '../lib/me';
import { Purge } from './weights/Purge';

type Snapshot = components['schemas']['SnapshotView'];

/**
 * Storage locations with usage bars, the staged snapshots with pin/unpin, and for admins delete
 * (the 409 reason shown) and purge (preview, then confirm).
 */
export default function Weights() {
  const client = useQueryClient();
  const me = useMe();
  const admin = hasRole(me.data?.roles, 'admin');
  const [deleting, setDeleting] = useState<Snapshot | null>(null);
  const locations = useQuery({
    queryKey: ['locations'],
    queryFn: () => call(api.GET('/api/v1/weights/locations')),
  });
  const q = useSearchParams()[0].get('q') || undefined;
  const snapshots = useQuery({
    queryKey: ['weights', 'list', q],
    queryFn: () => call(api.GET('/api/v1/weights', { params: { query: { limit: 200, q } as never } })),
  });
  const pin = useMutation({
    mutationFn: ({ id, pinned }: { id: string; pinned: boolean }) =>
      pinned
        ? call(api.POST('/api/v1/weights/{id}/unpin', { params: { path: { id } } }))
        : call(api.POST('/api/v1/weights/{id}/pin', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['weights'] }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/api/v1/weights/{id}', { params: { path: { id } } })),
    onSettled: () => {
      setDeleting(null);
      void client.invalidateQueries({ queryKey: ['weights'] });
      void client.invalidateQueries({ queryKey: ['locations'] });
    },
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
      <FilterNote />
      {pin.isError && <ProblemAlert error={pin.error} />}
      {remove.isError && <ProblemAlert error={remove.error} title="Not deleted" />}
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
                  <Flex flexWrap={{ default: 'nowrap' }}>
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => pin.mutate({ id: s.id!, pinned: !!s.pinned })}
                    >
                      {s.pinned ? 'Unpin' : 'Pin'}
                    </Button>
                    {admin && (
                      <Button
                        variant="danger"
                        size="sm"
                        aria-label={`Delete ${s.repo}@${s.revision}`}
                        onClick={() => {
                          remove.reset();
                          setDeleting(s);
                        }}
                      >
                        Delete
                      </Button>
                    )}
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {admin && (
        <Purge locations={((locations.data ?? []) as unknown as LocationLike[]).map((l) => l.name)} />
      )}
      <Confirm
        isOpen={deleting !== null}
        title={`Delete ${deleting?.repo}@${deleting?.revision}?`}
        confirmLabel="Delete"
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate(deleting!.id!)}
        onClose={() => setDeleting(null)}
      >
        The snapshot ({formatBytes(deleting?.sizeBytes)} on {deleting?.location}) and the files no other snapshot
        uses are deleted. A pinned snapshot or one a deployment uses is refused.
      </Confirm>
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
