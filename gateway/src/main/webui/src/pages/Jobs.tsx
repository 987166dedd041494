import { useState } from 'react';
import {
  Button,
  Content,
  Flex,
  Label,
  Progress,
  ProgressMeasureLocation,
  Title,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { Empty, LoadingRows, ProblemAlert, formatBytes, formatTime } from '../components/States';
import { FilterNote } from '../components/FilterNote';
import { JobFiles } from './jobs/JobFiles';

const STATES = ['', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
const ACTIVE = new Set(['QUEUED', 'RUNNING', 'PENDING']);

export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

export function stateColor(state: string): 'green' | 'red' | 'blue' | 'grey' | 'orange' {
  if (state === 'SUCCEEDED') return 'green';
  if (state === 'FAILED') return 'red';
  if (state === 'CANCELLED') return 'grey';
  if (ACTIVE.has(state)) return 'blue';
  return 'orange';
}

/** Install jobs, kept fresh by the live event stream (weights events refetch ['installs']). */
export default function Jobs() {
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const highlighted = params.get('job');
  const q = params.get('q');
  const client = useQueryClient();
  const [open, setOpen] = useState<Set<string>>(() => new Set(highlighted ? [highlighted] : []));
  const toggle = (id: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const jobs = useQuery({
    queryKey: ['installs', state, q],
    queryFn: () =>
      call(
        api.GET('/api/v1/weights/installs', {
          params: { query: { state: state || undefined, q: q || undefined, limit: 100 } as never },
        }),
      ),
    placeholderData: (prev) => prev,
  });

  const action = useMutation({
    mutationFn: ({ id, kind }: { id: string; kind: 'cancel' | 'retry' }) =>
      kind === 'cancel'
        ? call(api.POST('/api/v1/weights/installs/{id}/cancel', { params: { path: { id } } }))
        : call(api.POST('/api/v1/weights/installs/{id}/retry', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['installs'] }),
  });

  return (
    <>
      <Title headingLevel="h1">Jobs</Title>
      <Content component="p">Weight installs with live byte progress. Finished jobs stay here.</Content>
      <ToggleGroup
        aria-label="Filter by state"
        className="mm-filter-toggles"
        style={{ margin: '1rem 0' }}
      >
        {STATES.map((s) => (
          <ToggleGroupItem
            key={s || 'all'}
            text={s ? s.toLowerCase() : 'all'}
            buttonId={`state-${s || 'all'}`}
            isSelected={state === s}
            onChange={() => setParams({ ...(s ? { state: s } : {}), ...(q ? { q } : {}) })}
          />
        ))}
      </ToggleGroup>
      <FilterNote />
      {action.isError && <ProblemAlert error={action.error} />}
      {jobs.isPending ? (
        <LoadingRows />
      ) : jobs.isError ? (
        <ProblemAlert error={jobs.error} title="Jobs not available" />
      ) : (jobs.data.items ?? []).length === 0 ? (
        <Empty title="No install jobs">Open a model under Discover and choose “Install weights”.</Empty>
      ) : (
        <Table aria-label="Install jobs" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th screenReaderText="Files" />
              <Th>Model</Th>
              <Th>State</Th>
              <Th>Progress</Th>
              <Th>Speed / ETA</Th>
              <Th>Location</Th>
              <Th>Created</Th>
              <Th screenReaderText="Actions" />
            </Tr>
          </Thead>
          {(jobs.data.items ?? []).map((j, rowIndex) => {
              const p = j.progress;
              const pct = percent(p?.bytesDone ?? 0, p?.bytesTotal ?? 0);
              const done = j.state === 'SUCCEEDED';
              const expanded = open.has(j.id!);
              return (
                <Tbody key={j.id} isExpanded={expanded}>
                  <Tr isRowSelected={j.id === highlighted} data-testid={`job-${j.id}`}>
                    <Td
                      expand={{
                        rowIndex,
                        isExpanded: expanded,
                        onToggle: () => toggle(j.id!),
                        expandId: `job-files-${j.id}`,
                      }}
                    />
                    <Td dataLabel="Model">
                      {j.repo}
                      <div>
                        <small>{j.revision}</small>
                      </div>
                    </Td>
                    <Td dataLabel="State">
                      <Label isCompact color={stateColor(j.state ?? '')} data-testid="job-state">
                        {j.state}
                      </Label>
                      {j.error?.detail && (
                        <div>
                          <small>{j.error.detail}</small>
                        </div>
                      )}
                    </Td>
                    <Td dataLabel="Progress" className="mm-progress-cell">
                      <Progress
                        value={done ? 100 : pct}
                        measureLocation={ProgressMeasureLocation.outside}
                        aria-label={`Progress of ${j.repo}`}
                        data-testid="job-progress"
                        variant={j.state === 'FAILED' ? 'danger' : done ? 'success' : undefined}
                      />
                      <small>
                        {formatBytes(p?.bytesDone)} of {formatBytes(p?.bytesTotal)}
                      </small>
                    </Td>
                    <Td dataLabel="Speed / ETA">
                      {ACTIVE.has(j.state ?? '') && p
                        ? `${formatBytes(p.bytesPerSecond)}/s · ${p.etaSeconds != null ? `${p.etaSeconds}s left` : '—'}`
                        : '—'}
                    </Td>
                    <Td dataLabel="Location">{j.location ?? '—'}</Td>
                    <Td dataLabel="Created">{formatTime(j.createdAt)}</Td>
                    <Td dataLabel="Actions">
                      <Flex>
                        {ACTIVE.has(j.state ?? '') && (
                          <Button
                            variant="secondary"
                            size="sm"
                            onClick={() => action.mutate({ id: j.id!, kind: 'cancel' })}
                          >
                            Cancel
                          </Button>
                        )}
                        {(j.state === 'FAILED' || j.state === 'CANCELLED') && (
                          <Button
                            variant="secondary"
                            size="sm"
                            onClick={() => action.mutate({ id: j.id!, kind: 'retry' })}
                          >
                            Retry
                          </Button>
                        )}
                      </Flex>
                    </Td>
                  </Tr>
                  <Tr isExpanded={expanded}>
                    <Td colSpan={8}>
                      {expanded && (
                        <JobFiles
                          repo={j.repo ?? ''}
                          files={p?.files ?? []}
                          skipped={j.skipped ?? []}
                        />
                      )}
                    </Td>
                  </Tr>
                </Tbody>
              );
            })}
        </Table>
      )}
    </>
  );
}
