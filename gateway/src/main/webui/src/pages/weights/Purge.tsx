import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Flex,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { Confirm } from '../../components/Confirm';
import { ProblemAlert, formatBytes, formatTime } from '../../components/States';

type PurgeRequest = components['schemas']['PurgeRequest'];
const GIB = 1024 ** 3;

/** Purge (admins): the dry-run plan first (what would go, how much is freed), then confirm. */
export function Purge({ locations }: { locations: string[] }) {
  const client = useQueryClient();
  const [form, setForm] = useState({ location: '', policy: 'lru', targetFreeGiB: '50', maxAgeDays: '30' });
  const [confirming, setConfirming] = useState(false);

  function request(dryRun: boolean): PurgeRequest {
    return {
      dryRun,
      location: form.location || undefined,
      policy: form.policy,
      ...(form.policy === 'lru'
        ? { targetFreeBytes: Math.round(Number(form.targetFreeGiB) * GIB) }
        : { maxAgeDays: Number(form.maxAgeDays) }),
    };
  }
  const preview = useMutation({
    mutationFn: () => call(api.POST('/api/v1/weights/purge', { body: request(true) })),
  });
  const run = useMutation({
    mutationFn: () => call(api.POST('/api/v1/weights/purge', { body: request(false) })),
    onSuccess: () => {
      setConfirming(false);
      preview.reset();
      void client.invalidateQueries({ queryKey: ['weights'] });
      void client.invalidateQueries({ queryKey: ['locations'] });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    run.reset();
    preview.mutate();
  }
  const set = (k: keyof typeof form) => (_e: unknown, v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    preview.reset(); // a plan belongs to the settings it was made for
  };
  const plan = preview.data;
  const count = plan?.snapshots?.length ?? 0;

  return (
    <>
      <Title headingLevel="h2" style={{ margin: '1.5rem 0 1rem' }}>
        Purge
      </Title>
      <Form onSubmit={submit} aria-label="Purge plan">
        <Flex alignItems={{ default: 'alignItemsFlexEnd' }} flexWrap={{ default: 'wrap' }}>
          <FormGroup label="Location" fieldId="purge-location">
            <FormSelect id="purge-location" value={form.location} onChange={set('location')}>
              <FormSelectOption value="" label="the first configured" />
              {locations.map((l) => (
                <FormSelectOption key={l} value={l} label={l} />
              ))}
            </FormSelect>
          </FormGroup>
          <FormGroup label="Policy" fieldId="purge-policy">
            <FormSelect id="purge-policy" value={form.policy} onChange={set('policy')}>
              <FormSelectOption value="lru" label="least recently used, until free" />
              <FormSelectOption value="age" label="not accessed for days" />
            </FormSelect>
          </FormGroup>
          {form.policy === 'lru' ? (
            <FormGroup label="Free at least (GiB)" fieldId="purge-free">
              <TextInput id="purge-free" type="number" min={0} value={form.targetFreeGiB} onChange={set('targetFreeGiB')} />
            </FormGroup>
          ) : (
            <FormGroup label="Not accessed for (days)" fieldId="purge-age">
              <TextInput id="purge-age" type="number" min={0} value={form.maxAgeDays} onChange={set('maxAgeDays')} />
            </FormGroup>
          )}
          <Button type="submit" variant="secondary" isLoading={preview.isPending}>
            Preview purge
          </Button>
        </Flex>
      </Form>
      {(preview.error ?? run.error) && <ProblemAlert error={preview.error ?? run.error} title="Purge refused" />}
      {run.data && (
        <Alert isInline variant="success" title="Purged" data-testid="purge-done" style={{ marginTop: '1rem' }}>
          {run.data.snapshots?.length ?? 0} snapshots removed, {formatBytes(run.data.bytesFreed)} freed on{' '}
          {run.data.location}.
        </Alert>
      )}
      {plan && (
        <div style={{ marginTop: '1rem' }} data-testid="purge-plan">
          {count === 0 ? (
            <Alert isInline variant="info" title="Nothing to purge">
              No snapshot on {plan.location} matches: pinned and in-use snapshots are never purged.
            </Alert>
          ) : (
            <>
              <Alert isInline variant="warning" title={`The plan: ${count} snapshots, ${formatBytes(plan.bytesFreed)} freed`}>
                {formatBytes(plan.freeBytesBefore)} free on {plan.location} now. Pinned and in-use snapshots are
                never purged.
              </Alert>
              <Table aria-label="Snapshots the purge would delete" variant="compact" gridBreakPoint="grid-md">
                <Thead>
                  <Tr>
                    <Th>Model</Th>
                    <Th>Revision</Th>
                    <Th>Size</Th>
                    <Th>Last access</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {plan.snapshots!.map((s) => (
                    <Tr key={s.id}>
                      <Td dataLabel="Model">{s.repo}</Td>
                      <Td dataLabel="Revision">{s.revision}</Td>
                      <Td dataLabel="Size">{formatBytes(s.sizeBytes)}</Td>
                      <Td dataLabel="Last access">{formatTime(s.lastAccessedAt)}</Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              <Button variant="danger" onClick={() => setConfirming(true)} style={{ marginTop: '1rem' }}>
                Purge {count} snapshots
              </Button>
            </>
          )}
        </div>
      )}
      <Confirm
        isOpen={confirming}
        title="Purge these snapshots?"
        confirmLabel="Purge now"
        danger
        busy={run.isPending}
        onConfirm={() => run.mutate()}
        onClose={() => setConfirming(false)}
      >
        {count} snapshots and the files no other snapshot uses are deleted from {plan?.location}; about{' '}
        {formatBytes(plan?.bytesFreed)} is freed. The purge decides again when it runs, so the result may differ if
        something was accessed since the preview.
      </Confirm>
    </>
  );
}
