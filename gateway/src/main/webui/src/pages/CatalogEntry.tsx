import { useState } from 'react';
import {
  Breadcrumb,
  BreadcrumbItem,
  Button,
  CodeBlock,
  CodeBlockCode,
  Flex,
  FormGroup,
  Label,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call } from '../api/client';
import { LoadingRows, ProblemAlert } from '../components/States';

const STATUS_COLOR: Record<string, 'green' | 'orange' | 'red' | 'grey'> = {
  PASS: 'green',
  WARN: 'orange',
  FAIL: 'red',
};

/** A catalog entry: its document, the validation checks, and "Activate as a deployment". */
export default function CatalogEntry() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [deployment, setDeployment] = useState(id);

  const entry = useQuery({
    queryKey: ['catalog', 'entry', id],
    queryFn: () => call(api.GET('/api/v1/catalog/entries/{id}', { params: { path: { id } } })),
  });
  const report = useQuery({
    queryKey: ['catalog', 'validate', id, entry.data?.commit],
    queryFn: () =>
      call(api.POST('/api/v1/catalog/validate', { body: entry.data!.entry as never })),
    enabled: !!entry.data,
  });
  const activate = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/deployments/{name}/activate', {
          params: { path: { name: deployment } },
          body: { entry: id, reason: 'activated from the web console' } as never,
        }),
      ),
    onSuccess: () => navigate(`/deployments/${deployment}`),
  });

  return (
    <>
      <Breadcrumb>
        <BreadcrumbItem>
          <Link to="/catalog">Catalog</Link>
        </BreadcrumbItem>
        <BreadcrumbItem isActive>{id}</BreadcrumbItem>
      </Breadcrumb>
      <Title headingLevel="h1" style={{ margin: '1rem 0' }}>
        {entry.data?.entry?.displayName ?? id}
      </Title>
      {entry.isPending ? (
        <LoadingRows />
      ) : entry.isError ? (
        <ProblemAlert error={entry.error} title="Entry not available" />
      ) : (
        <>
          <Flex alignItems={{ default: 'alignItemsFlexEnd' }} style={{ marginBottom: '1rem' }}>
            <FormGroup label="Deployment name" fieldId="deployment">
              <TextInput id="deployment" value={deployment} onChange={(_e, v) => setDeployment(v)} />
            </FormGroup>
            <Button onClick={() => activate.mutate()} isLoading={activate.isPending}>
              Activate
            </Button>
          </Flex>
          {activate.isError && <ProblemAlert error={activate.error} title="Not activated" />}
          <Title headingLevel="h2">Validation</Title>
          {report.isPending ? (
            <LoadingRows rows={3} />
          ) : report.isError ? (
            <ProblemAlert error={report.error} />
          ) : (
            <Table aria-label="Validation checks" variant="compact" gridBreakPoint="grid-md">
              <Thead>
                <Tr>
                  <Th>Check</Th>
                  <Th>Status</Th>
                  <Th>Message</Th>
                </Tr>
              </Thead>
              <Tbody>
                {(report.data.checks ?? []).map((c) => (
                  <Tr key={`${c.name}-${c.pointer ?? ''}`}>
                    <Td dataLabel="Check">{c.name}</Td>
                    <Td dataLabel="Status">
                      <Label isCompact color={STATUS_COLOR[(c.status ?? '').toUpperCase()] ?? 'grey'}>
                        {c.status}
                      </Label>
                    </Td>
                    <Td dataLabel="Message">{c.message}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          <Title headingLevel="h2" style={{ margin: '1.5rem 0 1rem' }}>
            Entry
          </Title>
          <CodeBlock>
            <CodeBlockCode>{JSON.stringify(entry.data.entry ?? {}, null, 2)}</CodeBlockCode>
          </CodeBlock>
        </>
      )}
    </>
  );
}
