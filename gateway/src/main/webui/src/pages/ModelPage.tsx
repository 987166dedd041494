import { useState } from 'react';
import {
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  Button,
  ClipboardCopy,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  Label,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { LoadingRows, ProblemAlert, formatBytes } from '../components/States';
import { formatCount, formatParams } from '../lib/format';
import { usePreferences, useSavePreferences } from '../lib/preferences';
import { DeployButton } from './model/DeployButton';
import { InstallWizard } from './model/InstallWizard';
import { ModelCard } from './model/ModelCard';

/** A model's details: parameters, KV cache, the fit table per GPU pool, and its actions. */
export default function ModelPage() {
  const { org = '', name = '' } = useParams();
  const id = `${org}/${name}`;
  const [installing, setInstalling] = useState(false);
  const prefs = usePreferences();
  const savePrefs = useSavePreferences();
  const favorites = prefs.data?.favorites ?? [];
  const favorite = favorites.includes(id);

  const details = useQuery({
    queryKey: ['details', id],
    queryFn: () =>
      call(api.GET('/api/v1/models/{org}/{name}/details', { params: { path: { org, name } } })),
  });

  const d = details.data;
  const best = d?.fit?.find((f) => f.fits);

  return (
    <>
      <Breadcrumb>
        <BreadcrumbItem>
          <Link to="/discover">Discover</Link>
        </BreadcrumbItem>
        <BreadcrumbItem isActive>{id}</BreadcrumbItem>
      </Breadcrumb>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} style={{ margin: '1rem 0' }}>
        <Title headingLevel="h1">{id}</Title>
        <Flex>
          <Button onClick={() => setInstalling(true)} isDisabled={!d}>
            Install weights
          </Button>
          <Button variant="secondary" component={(props: object) => <Link {...props} to={`/catalog/propose/${id}`} />}>
            Add to catalog
          </Button>
          <DeployButton model={id} catalog={d?.catalog} />
          <Button
            variant="plain"
            aria-pressed={favorite}
            isDisabled={!prefs.data || savePrefs.isPending}
            onClick={() =>
              savePrefs.mutate({ favorites: favorite ? favorites.filter((f) => f !== id) : [...favorites, id] })
            }
          >
            {favorite ? '★ Favorite' : '☆ Add to favorites'}
          </Button>
        </Flex>
      </Flex>
      {savePrefs.isError && <ProblemAlert error={savePrefs.error} title="Favorites not saved" />}
      {installing && d && <InstallWizard details={d} onClose={() => setInstalling(false)} />}
      {details.isPending ? (
        <LoadingRows rows={8} label="Loading model details" />
      ) : details.isError ? (
        <ProblemAlert error={details.error} title="Details not available" />
      ) : (
        <>
          {!d!.vllm?.supported && (
            <Alert variant="warning" isInline title="vLLM does not list this architecture" />
          )}
          <DescriptionList isCompact isHorizontal columnModifier={{ lg: '2Col' }}>
            <Item term="Architecture">{d!.architectures?.join(', ') || '—'}</Item>
            <Item term="License">{d!.license ?? '—'}</Item>
            <Item term="Revision">
              {d!.revision} {d!.commit && <code>{d!.commit.slice(0, 10)}</code>}
            </Item>
            <Item term="Parameters">
              {formatParams(d!.parameters?.total)}
              {Object.keys(d!.parameters?.byDtype ?? {}).length > 0 &&
                ` (${Object.entries(d!.parameters?.byDtype ?? {})
                  .map(([t, n]) => `${t} ${formatParams(n)}`)
                  .join(', ')})`}
            </Item>
            <Item term="Weights size">{formatBytes(d!.weightsBytes)}</Item>
            <Item term="KV cache per token">
              {d!.kvCache ? `${formatBytes(d!.kvCache.bytesPerToken)} (${d!.kvCache.dtype})` : '—'}
            </Item>
            <Item term="Max context">{(d!.maxPositionEmbeddings ?? 0).toLocaleString()} tokens</Item>
            <Item term="Catalog">
              {d!.catalog?.status === 'found' ? (
                <Label color="green" isCompact>
                  in catalog
                </Label>
              ) : (
                <Label isCompact>{d!.catalog?.status ?? 'unknown'}</Label>
              )}
            </Item>
          </DescriptionList>

          <Title headingLevel="h2" style={{ marginTop: '1.5rem' }}>
            Fit per GPU pool
          </Title>
          {(d!.fit ?? []).length === 0 ? (
            <Alert isInline variant="info" title="No GPU pools are known: add one under GPUs." />
          ) : (
            <Table aria-label="Fit table" variant="compact" gridBreakPoint="grid-md">
              <Thead>
                <Tr>
                  <Th>GPU</Th>
                  <Th>TP</Th>
                  <Th>Fits</Th>
                  <Th modifier="wrap">Max context</Th>
                  <Th modifier="wrap">Concurrency</Th>
                  <Th>Margin</Th>
                  <Th>Explanation</Th>
                </Tr>
              </Thead>
              <Tbody>
                {d!.fit!.map((f) => (
                  <Tr key={`${f.gpu}-${f.tensorParallelSize}-${f.quantization ?? ''}`}>
                    <Td dataLabel="GPU">{f.gpu}</Td>
                    <Td dataLabel="TP">{f.tensorParallelSize}</Td>
                    <Td dataLabel="Fits">
                      <Label isCompact color={f.fits ? 'green' : 'red'}>
                        {f.fits ? 'fits' : 'does not fit'}
                      </Label>
                    </Td>
                    <Td dataLabel="Max context">{(f.maxModelLen ?? 0).toLocaleString()}</Td>
                    <Td dataLabel="Concurrency">{formatCount(f.maxConcurrency)}</Td>
                    <Td dataLabel="Margin">{formatBytes(f.marginBytes)}</Td>
                    <Td dataLabel="Explanation">{f.explanation}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          <Title headingLevel="h2" style={{ marginTop: '1.5rem' }}>
            Recommended vLLM arguments{best ? ` (${best.gpu})` : ''}
          </Title>
          {(d!.recommendedVllmArgs ?? []).length > 0 ? (
            <ClipboardCopy isReadOnly isCode hoverTip="Copy" clickTip="Copied" data-testid="vllm-args">
              {d!.recommendedVllmArgs!.join(' ')}
            </ClipboardCopy>
          ) : (
            <Alert isInline variant="warning" title="No configuration fits the known GPU pools." />
          )}
          {(d!.notes ?? []).length > 0 && (
            <ul style={{ marginTop: '1rem' }}>
              {d!.notes!.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <ModelCard org={org} name={name} />
    </>
  );
}

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}
