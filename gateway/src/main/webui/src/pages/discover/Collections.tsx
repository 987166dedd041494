import { Card, CardBody, CardHeader, CardTitle, Gallery, Title } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type Collection = components['schemas']['DiscoverCollection'];

/**
 * Discover's curated collections (configured in discovery-service): cards that apply their search
 * to the URL; the selected one again clears it. Nothing is shown when there are none or they
 * cannot be read.
 */
export function Collections({
  selected,
  onSelect,
}: {
  selected: string | null;
  onSelect: (c: Collection | null) => void;
}) {
  const collections = useQuery({
    queryKey: ['discover-collections'],
    queryFn: () => call(api.GET('/api/v1/discover/collections')),
    staleTime: 10 * 60_000,
    retry: false,
  });
  const items = collections.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="collections-title" style={{ margin: '1rem 0' }}>
      <Title headingLevel="h2" size="md" id="collections-title" style={{ marginBottom: '0.5rem' }}>
        Collections
      </Title>
      <Gallery hasGutter minWidths={{ default: '100%', sm: '14rem' }}>
        {items.map((c) => {
          const isSelected = c.id === selected;
          const titleId = `collection-${c.id}`;
          return (
            <Card key={c.id} isClickable isSelected={isSelected} isCompact data-testid={titleId}>
              <CardHeader
                selectableActions={{
                  onClickAction: () => onSelect(isSelected ? null : c),
                  selectableActionAriaLabelledby: titleId,
                  selectableActionProps: { 'aria-pressed': isSelected },
                }}
              >
                <CardTitle id={titleId}>{c.title}</CardTitle>
              </CardHeader>
              {c.description && <CardBody>{c.description}</CardBody>}
            </Card>
          );
        })}
      </Gallery>
    </section>
  );
}
