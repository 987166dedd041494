import { useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  Label,
  TextInput,
  Title,
  Tooltip,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { Empty, LoadingRows, ProblemAlert, formatBytes } from '../components/States';
import { formatParams } from '../lib/format';
import { Collections } from './discover/Collections';
import { Favorites } from './discover/Favorites';

const FILTERS = ['q', 'architecture', 'license', 'quantization', 'fitsGpu'] as const;
// Search parameters a collection may set besides the form's (kept in the URL, not in the form).
const EXTRA = ['author', 'pipelineTag', 'minParams', 'maxParams', 'sort', 'direction'] as const;

/** Search the Hub through discovery-service; every filter is in the URL (deep links). */
export default function Discover() {
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState(() =>
    Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<string, string>,
  );
  const query = Object.fromEntries(
    [...FILTERS, ...EXTRA].map((f) => [f, params.get(f) || undefined]).filter(([, v]) => v !== undefined),
  );
  const collection = params.get('collection');
  // The URL can change from outside the form (the masthead's search, back/forward): follow it.
  const urlQuery = params.toString();
  useEffect(() => {
    const p = new URLSearchParams(urlQuery);
    setForm(Object.fromEntries(FILTERS.map((f) => [f, p.get(f) ?? ''])) as Record<string, string>);
  }, [urlQuery]);

  const gpus = useQuery({
    queryKey: ['gpus'],
    queryFn: () => call(api.GET('/api/v1/gpus')),
    staleTime: 60_000,
  });
  const search = useQuery({
    queryKey: ['search', query],
    queryFn: () =>
      call(api.GET('/api/v1/huggingface/search', { params: { query: { ...query, limit: 25 } } })),
    enabled: params.toString().length > 0,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    // Refining a collection's search keeps its parameters that are not in the form.
    if (collection) {
      next.set('collection', collection);
      for (const f of EXTRA) if (params.get(f)) next.set(f, params.get(f)!);
    }
    for (const f of FILTERS) if (form[f]) next.set(f, form[f]);
    if (next.toString() === '') next.set('q', '');
    setParams(next);
  }

  const set = (f: string) => (_e: unknown, v: string) => setForm((s) => ({ ...s, [f]: v }));
  const pools = gpus.data?.items ?? [];

  return (
    <>
      <Title headingLevel="h1">Discover</Title>
      <Content component="p">
        Search Hugging Face for models vLLM can serve and see at a glance whether they fit your GPUs.
      </Content>
      {params.toString().length === 0 && <Favorites />}
      <Collections
        selected={collection}
        onSelect={(c) => setParams(c ? new URLSearchParams({ collection: c.id!, ...c.params }) : new URLSearchParams())}
      />
      <Form onSubmit={submit} aria-label="Search models">
        <Grid hasGutter md={6} xl={2}>
          <GridItem xl={4}>
            <FormGroup label="Search" fieldId="q">
              <TextInput id="q" type="search" value={form.q} onChange={set('q')} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="Architecture" fieldId="architecture">
              <TextInput
                id="architecture"
                placeholder="LlamaForCausalLM"
                value={form.architecture}
                onChange={set('architecture')}
              />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="License" fieldId="license">
              <TextInput id="license" placeholder="apache-2.0" value={form.license} onChange={set('license')} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="Quantization" fieldId="quantization">
              <TextInput id="quantization" placeholder="awq" value={form.quantization} onChange={set('quantization')} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="Fits GPU pool" fieldId="fitsGpu">
              <FormSelect id="fitsGpu" value={form.fitsGpu} onChange={set('fitsGpu')}>
                <FormSelectOption value="" label="Any" />
                {form.fitsGpu && !pools.some((p) => p.name === form.fitsGpu) && (
                  <FormSelectOption value={form.fitsGpu} label={form.fitsGpu} />
                )}
                {pools.map((p) => (
                  <FormSelectOption key={p.name} value={p.name ?? ''} label={`${p.name} (${p.countPerNode}×)`} />
                ))}
              </FormSelect>
            </FormGroup>
          </GridItem>
        </Grid>
        <div>
          <Button type="submit">Search</Button>
        </div>
      </Form>
      <div style={{ marginTop: '1.5rem' }}>
        {params.toString().length === 0 ? (
          <Empty title="Search for a model">
            Type a name such as “qwen” or “llama”, or pick a GPU pool to see what fits it.
          </Empty>
        ) : search.isPending ? (
          <LoadingRows label="Searching" />
        ) : search.isError ? (
          <ProblemAlert error={search.error} title="Search failed" />
        ) : (search.data.items ?? []).length === 0 ? (
          <Empty title="No models match">Loosen a filter or try another name.</Empty>
        ) : (
          <Table aria-label="Search results" variant="compact" gridBreakPoint="grid-md">
            <Thead>
              <Tr>
                <Th>Model</Th>
                <Th>Architecture</Th>
                <Th>Parameters</Th>
                <Th>License</Th>
                <Th>Quantization</Th>
                <Th>Downloads</Th>
                <Th>Fit</Th>
              </Tr>
            </Thead>
            <Tbody>
              {(search.data.items ?? []).map((m) => (
                <Tr key={m.id}>
                  <Td dataLabel="Model">
                    <Link to={`/models/${m.id}`}>{m.id}</Link>{' '}
                    {!m.vllmSupported && (
                      <Label isCompact color="orange">
                        not in vLLM
                      </Label>
                    )}
                  </Td>
                  <Td dataLabel="Architecture">{m.architecture ?? '—'}</Td>
                  <Td dataLabel="Parameters">{formatParams(m.parameters)}</Td>
                  <Td dataLabel="License">{m.license ?? '—'}</Td>
                  <Td dataLabel="Quantization">{m.quantization ?? '—'}</Td>
                  <Td dataLabel="Downloads">{(m.downloads ?? 0).toLocaleString()}</Td>
                  <Td dataLabel="Fit">
                    {m.fit ? (
                      <Tooltip content={m.fit.note ?? ''}>
                        <Label color={m.fit.fits ? 'green' : 'red'} isCompact tabIndex={0}>
                          {m.fit.fits
                            ? `fits ${m.fit.minGpus ?? 1}× ${m.fit.gpu}`
                            : `too big for ${m.fit.gpu}`}
                          {m.fit.weightsBytes ? ` · ${formatBytes(m.fit.weightsBytes)}` : ''}
                        </Label>
                      </Tooltip>
                    ) : (
                      '—'
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </div>
    </>
  );
}
