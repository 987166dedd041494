import { useState, type FormEvent } from 'react';
import {
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Switch,
  TextInput,
} from '@patternfly/react-core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/States';
import { splitList } from '../../lib/format';

export type Channel = components['schemas']['ChannelView'];

/** The filters a channel can have: only events about this model, deployment or location. */
export const FILTER_KEYS = ['model', 'deployment', 'location'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;

export interface ChannelForm {
  name: string;
  target: string;
  events: string;
  minSeverity: string;
  enabled: boolean;
  filters: Record<FilterKey, string>;
}

/** The edit form's start: the channel as it is (a Slack URL is masked, so its field starts empty). */
export function formOf(c: Channel): ChannelForm {
  return {
    name: c.name ?? '',
    target: c.type === 'slack' ? '' : (c.target ?? ''),
    events: (c.events ?? []).join(', '),
    minSeverity: c.minSeverity ?? 'info',
    enabled: c.enabled !== false,
    filters: Object.fromEntries(FILTER_KEYS.map((k) => [k, c.filters?.[k] ?? ''])) as Record<FilterKey, string>,
  };
}

/**
 * The JSON merge patch (RFC 7396) from the channel to the form: only what changed; a cleared filter
 * is null (removed). An empty Slack URL means "keep the one stored" (the API never shows it).
 */
export function channelPatch(c: Channel, f: ChannelForm): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (f.name.trim() !== (c.name ?? '')) patch.name = f.name.trim();
  const target = f.target.trim();
  if (target && target !== (c.target ?? '')) patch.target = target;
  const events = splitList(f.events);
  if (events.join('\n') !== (c.events ?? []).join('\n')) patch.events = events;
  if (f.minSeverity !== (c.minSeverity ?? 'info')) patch.minSeverity = f.minSeverity;
  if (f.enabled !== (c.enabled !== false)) patch.enabled = f.enabled;
  const filters: Record<string, string | null> = {};
  for (const k of FILTER_KEYS) {
    const was = c.filters?.[k] ?? '';
    const now = f.filters[k].trim();
    if (now !== was) filters[k] = now === '' ? null : now;
  }
  if (Object.keys(filters).length > 0) patch.filters = filters;
  return patch;
}

/** PATCH a channel (admins): the change is a merge patch; the answer replaces the cached list row. */
export function usePatchChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Record<string, unknown> }) =>
      call(
        api.PATCH('/api/v1/notifications/channels/{id}', {
          params: { path: { id } },
          body: patch as never,
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['channels'] }),
  });
}

/** The filter inputs (model, deployment, location), shared by the create and edit forms. */
export function FilterFields({
  prefix,
  values,
  onChange,
}: {
  prefix: string;
  values: Record<FilterKey, string>;
  onChange: (k: FilterKey, v: string) => void;
}) {
  const placeholder: Record<FilterKey, string> = { model: 'org/name', deployment: 'chat', location: 'fast-nvme' };
  return (
    <>
      {FILTER_KEYS.map((k) => (
        <FormGroup key={k} label={`Only ${k}`} fieldId={`${prefix}-filter-${k}`}>
          <TextInput
            id={`${prefix}-filter-${k}`}
            value={values[k]}
            placeholder={placeholder[k]}
            onChange={(_e, v) => onChange(k, v)}
          />
        </FormGroup>
      ))}
    </>
  );
}

/** What a channel subscribes to: event patterns, least severity, filters (create and edit forms). */
export function SubscriptionFields({
  prefix,
  events,
  minSeverity,
  filters,
  onChange,
}: {
  prefix: string;
  events: string;
  minSeverity: string;
  filters: Record<FilterKey, string>;
  onChange: (change: { events?: string; minSeverity?: string; filters?: Record<FilterKey, string> }) => void;
}) {
  return (
    <>
      <FormGroup label="Event patterns" fieldId={`${prefix}-events`} isRequired style={{ minWidth: '16rem' }}>
        <TextInput id={`${prefix}-events`} isRequired value={events} onChange={(_e, v) => onChange({ events: v })} />
        <FormHelperText>
          <HelperText>
            <HelperTextItem>Comma-separated: exact types, prefix.* or *.</HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
      <FormGroup label="Least severity" fieldId={`${prefix}-severity`}>
        <FormSelect id={`${prefix}-severity`} value={minSeverity} onChange={(_e, v) => onChange({ minSeverity: v })}>
          {SEVERITIES.map((s) => (
            <FormSelectOption key={s} value={s} label={s} />
          ))}
        </FormSelect>
      </FormGroup>
      <FilterFields prefix={prefix} values={filters} onChange={(k, v) => onChange({ filters: { ...filters, [k]: v } })} />
    </>
  );
}

/** Edit a channel's settings and whether it is enabled; its type and secret stay. */
export function ChannelEditModal({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const [form, setForm] = useState<ChannelForm>(() => formOf(channel));
  const save = usePatchChannel();
  const patch = channelPatch(channel, form);
  const changed = Object.keys(patch).length > 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ id: channel.id!, patch }, { onSuccess: onClose });
  }
  const set = (k: 'name' | 'target') => (_e: unknown, v: string) =>
    setForm((f) => ({ ...f, [k]: v }));

  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby="edit-channel-title">
      <ModalHeader title={`Edit channel ${channel.name}`} labelId="edit-channel-title" />
      <ModalBody>
        {save.isError && <ProblemAlert error={save.error} title="The change was refused" />}
        <Form id="edit-channel" onSubmit={submit} aria-label="Edit the channel">
          <FormGroup label="Channel name" fieldId="edit-name" isRequired>
            <TextInput id="edit-name" isRequired value={form.name} onChange={set('name')} />
          </FormGroup>
          <FormGroup label={`Target (${channel.type})`} fieldId="edit-target" isRequired={channel.type !== 'slack'}>
            <TextInput
              id="edit-target"
              value={form.target}
              onChange={set('target')}
              placeholder={channel.type === 'slack' ? channel.target : undefined}
            />
            {channel.type === 'slack' && (
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>The stored Slack URL is kept unless you paste a new one.</HelperTextItem>
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>
          <SubscriptionFields
            prefix="edit"
            events={form.events}
            minSeverity={form.minSeverity}
            filters={form.filters}
            onChange={(change) => setForm((f) => ({ ...f, ...change }))}
          />
          <Switch
            id="edit-enabled"
            label="Enabled: events are sent"
            isChecked={form.enabled}
            onChange={(_e, on) => setForm((f) => ({ ...f, enabled: on }))}
          />
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button
          type="submit"
          form="edit-channel"
          isLoading={save.isPending}
          isDisabled={!changed || save.isPending || !form.name.trim() || splitList(form.events).length === 0}
        >
          Save changes
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
