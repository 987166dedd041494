import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  ClipboardCopy,
  Content,
  Flex,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Label,
  Switch,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { Empty, LoadingRows, ProblemAlert } from '../../components/States';
import { splitList } from '../../lib/format';
import {
  ChannelEditModal,
  FILTER_KEYS,
  SubscriptionFields,
  usePatchChannel,
  type Channel,
  type FilterKey,
} from './ChannelEdit';

type ChannelType = components['schemas']['ChannelType'];
type Severity = components['schemas']['Severity'];
type TestResult = components['schemas']['TestResultView'];

const TARGET_HELP: Record<ChannelType, string> = {
  slack: 'The Slack incoming-webhook URL (https).',
  webhook: 'An https URL; each message is signed with the secret shown once after creation.',
  email: 'One or more addresses, comma-separated.',
};


const NO_FILTERS = { model: '', deployment: '', location: '' } as Record<FilterKey, string>;

/** The filters as the API takes them: only the ones given. */
function filtersOf(values: Record<FilterKey, string>): Record<string, string> | undefined {
  const out = Object.fromEntries(FILTER_KEYS.map((k) => [k, values[k].trim()]).filter(([, v]) => v));
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Notification channels (admins change them): create, see the webhook secret once, test, edit,
 * enable or disable, delete.
 */
export function Channels({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient();
  const [form, setForm] = useState({
    name: '',
    type: 'webhook' as ChannelType,
    target: '',
    events: 'dev.modelmanager.*',
    minSeverity: 'info' as Severity,
    filters: NO_FILTERS,
  });
  const [editing, setEditing] = useState<Channel | null>(null);
  const toggle = usePatchChannel();
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [tested, setTested] = useState<Record<string, TestResult>>({});

  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => call(api.GET('/api/v1/notifications/channels')),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['channels'] });
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/notifications/channels', {
          body: {
            name: form.name.trim(),
            type: form.type,
            target: form.target.trim(),
            events: splitList(form.events),
            minSeverity: form.minSeverity,
            filters: filtersOf(form.filters),
          },
        }),
      ) as unknown as Promise<components['schemas']['ChannelView'] | undefined>,
    onSuccess: (c) => {
      setSecret(c?.secret ? { name: c.name ?? '', secret: c.secret } : null);
      setForm((f) => ({ ...f, name: '', target: '', filters: NO_FILTERS }));
    },
    onSettled: refresh,
  });
  const test = useMutation({
    mutationFn: (id: string) =>
      call(api.POST('/api/v1/notifications/channels/{id}/test', { params: { path: { id } } })),
    onSuccess: (r, id) => setTested((t) => ({ ...t, [id]: r })),
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      call(api.DELETE('/api/v1/notifications/channels/{id}', { params: { path: { id } } })),
    onSettled: refresh,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setSecret(null);
    create.mutate();
  }
  const set = (k: keyof typeof form) => (_e: unknown, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const items = channels.data?.items ?? [];
  const error = create.error ?? test.error ?? remove.error ?? toggle.error;

  return (
    <>
      <Title headingLevel="h2" style={{ margin: '1rem 0 0.5rem' }}>
        Notification channels
      </Title>
      <Content component="p">
        Where events are sent: Slack, a signed webhook or email, for the event types and least severity you choose.
      </Content>
      {canEdit ? (
        <Form onSubmit={submit} aria-label="Create a channel" style={{ margin: '1rem 0' }}>
          <Flex alignItems={{ default: 'alignItemsFlexStart' }} flexWrap={{ default: 'wrap' }}>
            <FormGroup label="Channel name" fieldId="ch-name" isRequired>
              <TextInput id="ch-name" isRequired value={form.name} onChange={set('name')} />
            </FormGroup>
            <FormGroup label="Type" fieldId="ch-type">
              <FormSelect id="ch-type" value={form.type} onChange={set('type')}>
                <FormSelectOption value="webhook" label="webhook" />
                <FormSelectOption value="slack" label="slack" />
                <FormSelectOption value="email" label="email" />
              </FormSelect>
            </FormGroup>
            <FormGroup label="Target" fieldId="ch-target" isRequired style={{ minWidth: '18rem' }}>
              <TextInput id="ch-target" isRequired value={form.target} onChange={set('target')} />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>{TARGET_HELP[form.type]}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
            <SubscriptionFields
              prefix="ch"
              events={form.events}
              minSeverity={form.minSeverity}
              filters={form.filters}
              onChange={(change) => setForm((f) => ({ ...f, ...change }) as typeof f)}
            />
            <Button
              type="submit"
              style={{ marginTop: '1.75rem' }}
              isLoading={create.isPending}
              isDisabled={!form.name.trim() || !form.target.trim() || splitList(form.events).length === 0}
            >
              Create channel
            </Button>
          </Flex>
        </Form>
      ) : (
        <Alert isInline variant="info" title="Only admins create, test, edit or delete channels." />
      )}
      {error && <ProblemAlert error={error} />}
      {secret && (
        <Alert variant="success" isInline title={`Copy the signing secret of ${secret.name} now: it is not shown again`}>
          <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" data-testid="channel-secret">
            {secret.secret}
          </ClipboardCopy>
        </Alert>
      )}
      {channels.isPending ? (
        <LoadingRows rows={2} />
      ) : channels.isError ? (
        <ProblemAlert error={channels.error} />
      ) : items.length === 0 ? (
        <Empty title="No channels">
          {canEdit ? 'Create one above to hear about installs, deployments and failures.' : 'An admin can add one.'}
        </Empty>
      ) : (
        <Table aria-label="Notification channels" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th>Name</Th>
              <Th>Type</Th>
              <Th>Target</Th>
              <Th>Events</Th>
              <Th>Least severity</Th>
              <Th>Only about</Th>
              <Th>Enabled</Th>
              <Th>Last test</Th>
              <Th screenReaderText="Actions" />
            </Tr>
          </Thead>
          <Tbody>
            {items.map((c) => {
              const t = tested[c.id!];
              return (
                <Tr key={c.id}>
                  <Td dataLabel="Name">{c.name}</Td>
                  <Td dataLabel="Type">{c.type}</Td>
                  <Td dataLabel="Target" modifier="breakWord">
                    {c.target}
                  </Td>
                  <Td dataLabel="Events">{c.events?.join(', ')}</Td>
                  <Td dataLabel="Least severity">{c.minSeverity}</Td>
                  <Td dataLabel="Only about">
                    {Object.entries(c.filters ?? {})
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ') || 'everything'}
                  </Td>
                  <Td dataLabel="Enabled">
                    {canEdit ? (
                      <Switch
                        id={`enabled-${c.id}`}
                        aria-label={`${c.name} enabled`}
                        isChecked={c.enabled !== false}
                        isDisabled={toggle.isPending && toggle.variables?.id === c.id}
                        onChange={(_e, on) => toggle.mutate({ id: c.id!, patch: { enabled: on } })}
                      />
                    ) : c.enabled === false ? (
                      <Label isCompact>disabled</Label>
                    ) : (
                      'yes'
                    )}
                  </Td>
                  <Td dataLabel="Last test" data-testid={`test-${c.id}`}>
                    {t ? (
                      <Label isCompact color={t.delivered ? 'green' : 'red'}>
                        {t.delivered
                          ? `delivered${t.statusCode ? ` (${t.statusCode})` : ''}, ${t.latencyMs ?? 0} ms`
                          : `failed: ${t.error ?? t.statusCode ?? 'no answer'}`}
                      </Label>
                    ) : (
                      '—'
                    )}
                  </Td>
                  <Td dataLabel="Actions">
                    {canEdit && (
                      <Flex flexWrap={{ default: 'nowrap' }}>
                        <Button
                          variant="secondary"
                          size="sm"
                          onClick={() => test.mutate(c.id!)}
                          isLoading={test.isPending && test.variables === c.id}
                          aria-label={`Send a test to ${c.name}`}
                        >
                          Send test
                        </Button>
                        <Button
                          variant="secondary"
                          size="sm"
                          onClick={() => setEditing(c)}
                          aria-label={`Edit ${c.name}`}
                        >
                          Edit
                        </Button>
                        <Button
                          variant="danger"
                          size="sm"
                          onClick={() => remove.mutate(c.id!)}
                          aria-label={`Delete ${c.name}`}
                        >
                          Delete
                        </Button>
                      </Flex>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {editing && <ChannelEditModal channel={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
