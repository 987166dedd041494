import { Button, Content, FormSelect, FormSelectOption, Label, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { Empty, LoadingRows, ProblemAlert, formatTime } from '../../components/States';

const COLOR = { delivered: 'green', pending: 'blue', dead_letter: 'red' } as const;

/** The delivery log of every channel, newest first; a failed delivery can be sent again. */
export function Deliveries({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const deliveries = useQuery({
    queryKey: ['deliveries', status],
    queryFn: () =>
      call(
        api.GET('/api/v1/notifications/deliveries', {
          params: { query: { limit: 50, status: status || undefined } },
        }),
      ),
  });
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => call(api.GET('/api/v1/notifications/channels')),
  });
  const redeliver = useMutation({
    mutationFn: (id: string) =>
      call(api.POST('/api/v1/notifications/deliveries/{id}/redeliver', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['deliveries'] }),
  });
  const names = new Map((channels.data?.items ?? []).map((c) => [c.id, c.name]));
  const items = deliveries.data?.items ?? [];

  function filter(v: string) {
    const next = new URLSearchParams(params);
    if (v) next.set('status', v);
    else next.delete('status');
    setParams(next);
  }

  return (
    <>
      <Title headingLevel="h2" style={{ margin: '1.5rem 0 0.5rem' }}>
        Delivery log
      </Title>
      <Content component="p">Every message sent to a channel, with the receiver's answer.</Content>
      <FormSelect
        id="delivery-status"
        aria-label="Delivery status"
        value={status}
        onChange={(_e, v) => filter(v)}
        style={{ maxWidth: '14rem', marginBottom: '1rem' }}
      >
        <FormSelectOption value="" label="every status" />
        <FormSelectOption value="pending" label="pending" />
        <FormSelectOption value="delivered" label="delivered" />
        <FormSelectOption value="dead_letter" label="dead letter" />
      </FormSelect>
      {redeliver.isError && <ProblemAlert error={redeliver.error} title="Not redelivered" />}
      {deliveries.isPending ? (
        <LoadingRows rows={3} />
      ) : deliveries.isError ? (
        <ProblemAlert error={deliveries.error} />
      ) : items.length === 0 ? (
        <Empty title="No deliveries">Messages appear here once a channel's events happen.</Empty>
      ) : (
        <Table aria-label="Deliveries" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th>Created</Th>
              <Th>Channel</Th>
              <Th>Event</Th>
              <Th>Status</Th>
              <Th>Attempts</Th>
              <Th>Last answer</Th>
              <Th screenReaderText="Actions" />
            </Tr>
          </Thead>
          <Tbody>
            {items.map((d) => (
              <Tr key={d.id} data-testid={`delivery-${d.id}`}>
                <Td dataLabel="Created">{formatTime(d.createdAt)}</Td>
                <Td dataLabel="Channel">{names.get(d.channelId) ?? d.channelId}</Td>
                <Td dataLabel="Event">{(d.eventType ?? '').replace('dev.modelmanager.', '')}</Td>
                <Td dataLabel="Status">
                  <Label isCompact color={COLOR[d.status ?? 'pending'] ?? 'grey'}>
                    {d.status}
                  </Label>
                </Td>
                <Td dataLabel="Attempts">{d.attempts}</Td>
                <Td dataLabel="Last answer">
                  {[d.lastStatusCode, d.lastError].filter((x) => x !== undefined && x !== null && x !== '').join(' ') || '—'}
                </Td>
                <Td dataLabel="Actions">
                  {canEdit && d.status !== 'pending' && (
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => redeliver.mutate(d.id!)}
                      isLoading={redeliver.isPending && redeliver.variables === d.id}
                    >
                      Redeliver
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
}
