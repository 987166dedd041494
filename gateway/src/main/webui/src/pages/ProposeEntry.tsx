import { useState, type FormEvent } from 'react';
import {
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  Button,
  CodeBlock,
  CodeBlockCode,
  Content,
  ExpandableSection,
  Flex,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import type { components } from '../api/schema';
import { ChecksTable } from '../components/Checks';
import { LoadingRows, ProblemAlert } from '../components/States';
import { UnifiedDiff } from '../components/UnifiedDiff';
import { usePreferences } from '../lib/preferences';

type PullRequest = components['schemas']['PullRequestView'];

/**
 * "Add to catalog": generate a draft entry for a model, read its validation report and its diff
 * against the catalog, then open a pull request.
 */
export default function ProposeEntry() {
  const { org = '', name = '' } = useParams();
  const model = `${org}/${name}`;
  const [search] = useSearchParams();
  const prefs = usePreferences();
  const gpus = useQuery({ queryKey: ['gpus'], queryFn: () => call(api.GET('/api/v1/gpus')), staleTime: 60_000 });
  const [form, setForm] = useState<{ gpu?: string; revision: string; maxModelLen: string }>({
    revision: '',
    maxModelLen: '',
  });
  const gpu = form.gpu ?? prefs.data?.defaultGpuPool ?? '';

  const draft = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/catalog/generate', {
          body: {
            hfModelId: model,
            gpu: gpu || undefined,
            revision: form.revision.trim() || undefined,
            maxModelLen: form.maxModelLen ? Number(form.maxModelLen) : undefined,
          },
        }),
      ),
  });
  const entry = draft.data?.entry;
  const diff = useQuery({
    queryKey: ['catalog', 'diff', entry],
    queryFn: () => call(api.POST('/api/v1/catalog/diff', { body: entry! })),
    enabled: entry !== undefined,
  });
  const open = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/catalog/pull-requests', { body: { entry: entry as never } })) as unknown as Promise<PullRequest>,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    open.reset();
    draft.mutate();
  }
  const set = (k: keyof typeof form) => (_e: unknown, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const report = draft.data?.report;
  const pools = (gpus.data?.items ?? []) as { name?: string }[];

  return (
    <>
      <Breadcrumb>
        <BreadcrumbItem>
          <Link to="/catalog">Catalog</Link>
        </BreadcrumbItem>
        <BreadcrumbItem>
          <Link to={`/models/${model}`}>{model}</Link>
        </BreadcrumbItem>
        <BreadcrumbItem isActive>Add to catalog</BreadcrumbItem>
      </Breadcrumb>
      <Title headingLevel="h1" style={{ margin: '1rem 0' }}>
        Add {model} to the catalog
      </Title>
      <Content component="p">
        The draft is filled from the model's details, the best fit and the staged weights. Review the checks and the
        diff, then open a pull request to the catalog repository; the entry is approved when it is merged.
      </Content>
      {search.get('deploy') === '1' && (
        <Alert isInline variant="info" title="Deploying starts with the catalog" data-testid="deploy-note">
          {model} has no approved catalog entry yet. Propose one here; once its pull request is merged the entry is
          approved, and Deploy on the model page leads to its Review and activate.
        </Alert>
      )}
      <Form onSubmit={submit} aria-label="Draft settings" style={{ margin: '1rem 0' }}>
        <Flex alignItems={{ default: 'alignItemsFlexEnd' }} flexWrap={{ default: 'wrap' }}>
          <FormGroup label="GPU pool" fieldId="draft-gpu">
            <FormSelect id="draft-gpu" value={gpu} onChange={set('gpu')}>
              <FormSelectOption value="" label="the best fit" />
              {pools.map((g) => (
                <FormSelectOption key={g.name} value={g.name ?? ''} label={g.name ?? ''} />
              ))}
            </FormSelect>
          </FormGroup>
          <FormGroup label="Revision" fieldId="draft-revision">
            <TextInput id="draft-revision" value={form.revision} onChange={set('revision')} placeholder="main" />
          </FormGroup>
          <FormGroup label="Max context (tokens)" fieldId="draft-len">
            <TextInput id="draft-len" type="number" min={16} value={form.maxModelLen} onChange={set('maxModelLen')} placeholder="as fits" />
          </FormGroup>
          <Button type="submit" isLoading={draft.isPending}>
            {draft.data ? 'Generate again' : 'Generate draft'}
          </Button>
        </Flex>
      </Form>
      {draft.isError && <ProblemAlert error={draft.error} title="No draft" />}
      {draft.data && (
        <>
          {draft.data.explanation && (
            <Alert isInline variant="info" title={`Sized for ${draft.data.gpu ?? 'the best GPU pool'}`}>
              {draft.data.explanation}
            </Alert>
          )}
          <Title headingLevel="h2" style={{ margin: '1.5rem 0 0.5rem' }}>
            Validation{' '}
            <Label color={report?.valid ? 'green' : 'red'} isCompact>
              {report?.valid ? 'valid' : 'a check failed'}
            </Label>
          </Title>
          <ChecksTable checks={report?.checks ?? []} label="Validation report" />
          <Title headingLevel="h2" style={{ margin: '1.5rem 0 0.5rem' }}>
            Diff against the catalog
          </Title>
          {diff.isPending ? (
            <LoadingRows rows={3} label="Loading the diff" />
          ) : diff.isError ? (
            <ProblemAlert error={diff.error} title="No diff" />
          ) : !diff.data.changed ? (
            <Alert isInline variant="info" title={`${diff.data.path} already holds exactly this entry: nothing to propose`} />
          ) : (
            <>
              <Content component="p">
                {diff.data.created ? 'A new file' : 'A change to'} <code>{diff.data.path}</code> against{' '}
                <code>{diff.data.baseCommit?.slice(0, 10)}</code>.
              </Content>
              <UnifiedDiff diff={diff.data.unified ?? ''} label="Catalog diff" />
            </>
          )}
          <ExpandableSection toggleText="The draft entry" style={{ marginTop: '1rem' }}>
            <CodeBlock>
              <CodeBlockCode>{JSON.stringify(entry ?? {}, null, 2)}</CodeBlockCode>
            </CodeBlock>
          </ExpandableSection>
          <Flex style={{ margin: '1.5rem 0' }} alignItems={{ default: 'alignItemsCenter' }}>
            <Button
              onClick={() => open.mutate()}
              isLoading={open.isPending}
              isDisabled={!report?.valid || diff.data?.changed === false || open.isSuccess}
            >
              Open pull request
            </Button>
            {!report?.valid && <span>Fix the failed checks first (a different GPU pool or context length may fit).</span>}
          </Flex>
          {open.isError && <ProblemAlert error={open.error} title="Pull request not opened" />}
          {open.data && (
            <Alert isInline variant="success" title={`Pull request #${open.data.number} is ${open.data.state}`} data-testid="pr-opened">
              <a href={open.data.url} target="_blank" rel="noreferrer">
                {open.data.title ?? open.data.url}
              </a>{' '}
              on branch <code>{open.data.branch}</code>. Its state is listed on the <Link to="/catalog">Catalog</Link> page.
            </Alert>
          )}
        </>
      )}
    </>
  );
}
