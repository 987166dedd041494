import { useState } from 'react';
import {
  Breadcrumb,
  BreadcrumbItem,
  Button,
  CodeBlock,
  CodeBlockCode,
  Flex,
  FormGroup,
  FormSelect,
  FormSelectOption,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { ChecksTable } from '../components/Checks';
import { LoadingRows, ProblemAlert } from '../components/States';
import { ActivateReview } from './catalog/ActivateReview';
import type { components } from '../api/schema';

type Strategy = components['schemas']['RolloutStrategy'];

/**
 * A catalog entry: its document, the validation checks, and "Activate as a deployment" (a
 * dry-run shown first, then confirmed).
 */
export default function CatalogEntry() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [deployment, setDeployment] = useState(id);
  // Arriving from a model page's "Deploy": the deployment name is where to start.
  const [search] = useSearchParams();
  const [strategy, setStrategy] = useState<Strategy | ''>('');

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
  const dryRun = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/deployments/{name}/dry-run', {
          params: { path: { name: deployment } },
          body: { entry: id, strategy: strategy || undefined },
        }),
      ),
  });
  const activate = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/deployments/{name}/activate', {
          params: { path: { name: deployment } },
          body: { entry: id, strategy: strategy || undefined, reason: 'activated from the web console' },
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
              <TextInput
                id="deployment"
                autoFocus={search.get('activate') === '1'}
                value={deployment}
                onChange={(_e, v) => {
                  setDeployment(v);
                  dryRun.reset();
                }}
              />
            </FormGroup>
            <FormGroup label="Rollout strategy" fieldId="strategy">
              <FormSelect
                id="strategy"
                value={strategy}
                onChange={(_e, v) => {
                  setStrategy(v as Strategy | '');
                  dryRun.reset();
                }}
              >
                <FormSelectOption value="" label="Chosen from the GPU capacity" />
                <FormSelectOption value="ROLLING_UPDATE" label="Rolling update (new pods first)" />
                <FormSelectOption value="RECREATE" label="Recreate (old pods stopped first)" />
              </FormSelect>
            </FormGroup>
            <Button
              onClick={() => {
                activate.reset();
                dryRun.mutate();
              }}
              isLoading={dryRun.isPending}
              isDisabled={!deployment.trim()}
            >
              Review and activate
            </Button>
          </Flex>
          {dryRun.isError && <ProblemAlert error={dryRun.error} title="Dry-run failed" />}
          <ActivateReview
            deployment={deployment}
            dryRun={dryRun.data}
            busy={activate.isPending}
            error={activate.error}
            onActivate={() => activate.mutate()}
            onClose={() => dryRun.reset()}
          />
          <Title headingLevel="h2">Validation</Title>
          {report.isPending ? (
            <LoadingRows rows={3} />
          ) : report.isError ? (
            <ProblemAlert error={report.error} />
          ) : (
            <ChecksTable checks={report.data.checks ?? []} label="Validation checks" />
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
