import { useState } from 'react';
import {
  Breadcrumb,
  BreadcrumbItem,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import type { components } from '../api/schema';
import { LoadingRows, ProblemAlert, formatTime } from '../components/States';
import { healthColor } from './Deployments';
import { RevisionDrawer } from './deployments/RevisionDrawer';
import { RollbackConfirm } from './deployments/RollbackConfirm';

/**
 * One deployment: its status, the revision history (each revision opens a drawer, `?revision=N`)
 * and rollback (what changes confirmed first).
 */
export default function DeploymentPage() {
  const { name = '' } = useParams();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const opened = Number(params.get('revision')) || null;
  function open(revision: number | null) {
    const next = new URLSearchParams(params);
    if (revision) next.set('revision', String(revision));
    else next.delete('revision');
    setParams(next);
  }
  const [rollingBack, setRollingBack] = useState<components['schemas']['RevisionView'] | null>(null);
  const status = useQuery({
    queryKey: ['deployments', name],
    queryFn: () => call(api.GET('/api/v1/deployments/{name}', { params: { path: { name } } })),
  });
  const revisions = useQuery({
    queryKey: ['deployments', name, 'revisions'],
    queryFn: () =>
      call(api.GET('/api/v1/deployments/{name}/revisions', { params: { path: { name } } })),
  });
  const rollback = useMutation({
    mutationFn: (toRevision?: number) =>
      call(
        api.POST('/api/v1/deployments/{name}/rollback', {
          params: { path: { name } },
          body: { toRevision, reason: 'rolled back from the web console' },
        }),
      ),
    onSettled: () => {
      setRollingBack(null);
      void client.invalidateQueries({ queryKey: ['deployments'] });
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/deployments/{name}/deactivate', {
          params: { path: { name } },
          body: { mode: 'DELETE', reason: 'deleted from the web console' },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['deployments'] }),
  });

  const s = status.data;
  return (
    <RevisionDrawer name={name} revision={opened} onClose={() => open(null)}>
      <Breadcrumb>
        <BreadcrumbItem>
          <Link to="/deployments">Deployments</Link>
        </BreadcrumbItem>
        <BreadcrumbItem isActive>{name}</BreadcrumbItem>
      </Breadcrumb>
      <Title headingLevel="h1" style={{ margin: '1rem 0' }}>
        {name}{' '}
        {s && (
          <Label color={healthColor(s.health)} data-testid="deployment-health">
            {s.health ?? 'Unknown'}
          </Label>
        )}
      </Title>
      {remove.isError && <ProblemAlert error={remove.error} title="Not deleted" />}
      {s?.active && (
        <Button
          variant="danger"
          size="sm"
          isLoading={remove.isPending}
          onClick={() => remove.mutate()}
          style={{ marginBottom: '1rem' }}
        >
          Delete deployment
        </Button>
      )}
      {status.isPending ? (
        <LoadingRows rows={3} />
      ) : status.isError ? (
        <ProblemAlert error={status.error} />
      ) : (
        <DescriptionList isCompact isHorizontal>
          <DescriptionListGroup>
            <DescriptionListTerm>Active revision</DescriptionListTerm>
            <DescriptionListDescription data-testid="active-revision">
              {s!.active ? `${s!.active.revision} (${s!.active.state})` : '—'}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Model</DescriptionListTerm>
            <DescriptionListDescription>{s!.active?.model ?? '—'}</DescriptionListDescription>
          </DescriptionListGroup>
          {s!.liveError && (
            <DescriptionListGroup>
              <DescriptionListTerm>Cluster</DescriptionListTerm>
              <DescriptionListDescription>{s!.liveError}</DescriptionListDescription>
            </DescriptionListGroup>
          )}
        </DescriptionList>
      )}
      <Title headingLevel="h2" style={{ margin: '1.5rem 0 1rem' }}>
        History
      </Title>
      {rollback.isError && <ProblemAlert error={rollback.error} title="Rollback refused" />}
      {revisions.isPending ? (
        <LoadingRows />
      ) : revisions.isError ? (
        <ProblemAlert error={revisions.error} />
      ) : (
        <Table aria-label="Revisions" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th>Revision</Th>
              <Th>Action</Th>
              <Th>State</Th>
              <Th>Entry</Th>
              <Th>Actor</Th>
              <Th>Reason</Th>
              <Th>Created</Th>
              <Th screenReaderText="Actions" />
            </Tr>
          </Thead>
          <Tbody>
            {(revisions.data.items ?? []).map((r) => (
              <Tr key={r.revision} data-testid={`revision-${r.revision}`}>
                <Td dataLabel="Revision">
                  <Button
                    variant="link"
                    isInline
                    aria-label={`Revision ${r.revision} details`}
                    aria-expanded={opened === r.revision}
                    onClick={() => open(opened === r.revision ? null : r.revision!)}
                  >
                    {r.revision}
                  </Button>
                </Td>
                <Td dataLabel="Action">{r.action}</Td>
                <Td dataLabel="State">
                  <Label isCompact>{r.state}</Label>
                </Td>
                <Td dataLabel="Entry">{r.entryId ?? '—'}</Td>
                <Td dataLabel="Actor">{r.actor ?? '—'}</Td>
                <Td dataLabel="Reason">{r.reason ?? r.stateReason ?? '—'}</Td>
                <Td dataLabel="Created">{formatTime(r.createdAt)}</Td>
                <Td dataLabel="Actions">
                  {r.revision !== s?.active?.revision && r.action !== 'DEACTIVATE' && (
                    <Button
                      variant="secondary"
                      size="sm"
                      isLoading={rollback.isPending && rollback.variables === r.revision}
                      onClick={() => {
                        rollback.reset();
                        setRollingBack(r);
                      }}
                    >
                      Roll back to {r.revision}
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <RollbackConfirm
        name={name}
        active={revisions.data?.items?.find((r) => r.revision === s?.active?.revision)}
        target={rollingBack}
        busy={rollback.isPending}
        onConfirm={() => rollback.mutate(rollingBack!.revision)}
        onClose={() => setRollingBack(null)}
      />
    </RevisionDrawer>
  );
}
