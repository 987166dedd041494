import { lazy, Suspense } from 'react';
import { Alert, ExpandableSection, Title } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { Empty, LoadingRows, ProblemAlert } from '../../components/States';
import { ApiError } from '../../lib/problem';

const CardMarkdown = lazy(() => import('./CardMarkdown'));

/** The model card (README.md from the Hub) on the model page, rendered without raw HTML. */
export function ModelCard({ org, name, revision }: { org: string; name: string; revision?: string }) {
  const card = useQuery({
    queryKey: ['readme', org, name, revision ?? 'main'],
    queryFn: () =>
      call(
        api.GET('/api/v1/models/{org}/{name}/readme', {
          params: { path: { org, name }, query: revision ? { revision } : {} },
        }),
      ),
    staleTime: 5 * 60_000,
    retry: false,
  });

  return (
    <section aria-labelledby="model-card-title" style={{ marginTop: '1.5rem' }}>
      <Title headingLevel="h2" id="model-card-title">
        Model card
      </Title>
      {card.isPending ? (
        <LoadingRows rows={4} label="Loading the model card" />
      ) : card.isError ? (
        card.error instanceof ApiError && card.error.status === 404 ? (
          <Empty title="No model card">
            This model has no README.md on the Hub. Its details above come from config.json and the weights.
          </Empty>
        ) : (
          <ProblemAlert error={card.error} title="Model card not available" />
        )
      ) : (
        <>
          {card.data.truncated && (
            <Alert
              isInline
              variant="info"
              title="This card is longer than 512 KiB: the first 512 KiB are shown."
            />
          )}
          {card.data.frontMatter && (
            <ExpandableSection toggleText="Card metadata (YAML front matter)">
              <pre className="mm-mono">{card.data.frontMatter}</pre>
            </ExpandableSection>
          )}
          <div className="mm-markdown mm-model-card" data-testid="model-card">
            <Suspense fallback={<LoadingRows rows={4} label="Rendering the model card" />}>
              <CardMarkdown markdown={card.data.markdown ?? ''} />
            </Suspense>
          </div>
        </>
      )}
    </section>
  );
}
