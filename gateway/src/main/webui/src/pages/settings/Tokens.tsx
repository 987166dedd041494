import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  ClipboardCopy,
  Content,
  Flex,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  TextInput,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { Empty, LoadingRows, ProblemAlert, formatTime } from '../../components/States';

const PRESETS: Record<string, string[]> = {
  'read only': ['discovery:read', 'weights:read', 'catalog:read', 'deploy:read', 'events:read'],
  operator: [
    'discovery:read',
    'discovery:write',
    'weights:read',
    'weights:write',
    'catalog:read',
    'catalog:write',
    'deploy:read',
    'deploy:write',
    'events:read',
  ],
  everything: ['*'],
};

/** API tokens: create (the plaintext is shown once), rotate, revoke. */
export function Tokens() {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [preset, setPreset] = useState('read only');
  const [secret, setSecret] = useState<string | null>(null);

  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => call(api.GET('/api/v1/tokens', {})) });
  const refresh = () => client.invalidateQueries({ queryKey: ['tokens'] });
  const create = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/tokens', { body: { name, scopes: PRESETS[preset] } as never })),
    onSuccess: (t) => {
      setSecret(t.token ?? null);
      setName('');
    },
    onSettled: refresh,
  });
  const rotate = useMutation({
    mutationFn: (id: string) =>
      call(api.POST('/api/v1/tokens/{id}/rotate', { params: { path: { id } }, body: {} as never })),
    onSuccess: (t) => setSecret(t.token ?? null),
    onSettled: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } }, body: undefined as never })),
    onSettled: refresh,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }

  const error = create.error ?? rotate.error ?? revoke.error;
  return (
    <>
      <Content component="p">API tokens for scripts and CI. A token's power is the lesser of its role and scopes.</Content>
      <Form onSubmit={submit} aria-label="Create a token" style={{ margin: '1rem 0' }}>
        <Flex alignItems={{ default: 'alignItemsFlexEnd' }}>
          <FormGroup label="Name" fieldId="token-name" isRequired>
            <TextInput id="token-name" isRequired value={name} onChange={(_e, v) => setName(v)} />
          </FormGroup>
          <FormGroup label="Scopes" fieldId="token-scopes">
            <FormSelect id="token-scopes" value={preset} onChange={(_e, v) => setPreset(v)}>
              {Object.keys(PRESETS).map((p) => (
                <FormSelectOption key={p} value={p} label={p} />
              ))}
            </FormSelect>
          </FormGroup>
          <Button type="submit" isLoading={create.isPending} isDisabled={!name.trim()}>
            Create token
          </Button>
        </Flex>
      </Form>
      {error && <ProblemAlert error={error} />}
      {secret && (
        <Alert variant="success" isInline title="Copy the token now: it is not shown again">
          <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" data-testid="new-token">
            {secret}
          </ClipboardCopy>
        </Alert>
      )}
      {tokens.isPending ? (
        <LoadingRows />
      ) : tokens.isError ? (
        <ProblemAlert error={tokens.error} />
      ) : tokens.data.length === 0 ? (
        <Empty title="No tokens">Create one above for a script or a CI pipeline.</Empty>
      ) : (
        <Table aria-label="API tokens" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th>Name</Th>
              <Th>Prefix</Th>
              <Th>Role</Th>
              <Th>Scopes</Th>
              <Th>Last used</Th>
              <Th>State</Th>
              <Th screenReaderText="Actions" />
            </Tr>
          </Thead>
          <Tbody>
            {tokens.data.map((t) => (
              <Tr key={t.id}>
                <Td dataLabel="Name">{t.name}</Td>
                <Td dataLabel="Prefix">
                  <code>{t.prefix}</code>
                </Td>
                <Td dataLabel="Role">{t.role}</Td>
                <Td dataLabel="Scopes">{t.scopes?.join(', ')}</Td>
                <Td dataLabel="Last used">{formatTime(t.lastUsedAt)}</Td>
                <Td dataLabel="State">{t.revokedAt ? `revoked ${formatTime(t.revokedAt)}` : 'active'}</Td>
                <Td dataLabel="Actions">
                  {!t.revokedAt && (
                    <Flex>
                      <Button variant="secondary" size="sm" onClick={() => rotate.mutate(t.id!)}>
                        Rotate
                      </Button>
                      <Button variant="danger" size="sm" onClick={() => revoke.mutate(t.id!)}>
                        Revoke
                      </Button>
                    </Flex>
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
