import { Card, CardBody, CardTitle, Content, Gallery, Label, Title } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { Empty, LoadingRows, ProblemAlert } from '../components/States';
import { FilterNote } from '../components/FilterNote';
import { matchesText } from '../lib/textFilter';

export function healthColor(h: string | undefined): 'green' | 'red' | 'grey' | 'orange' {
  if (h === 'Ready') return 'green';
  if (h === 'NotReady' || h === 'Failed') return 'red';
  if (!h || h === 'Unknown') return 'grey';
  return 'orange';
}

/** Every deployment as a card: health, active revision, model. */
export default function Deployments() {
  const [params] = useSearchParams();
  const q = params.get('q');
  const list = useQuery({
    queryKey: ['deployments', 'list'],
    queryFn: () => call(api.GET('/api/v1/deployments')),
  });
  return (
    <>
      <Title headingLevel="h1">Deployments</Title>
      <Content component="p">InferenceServices on KServe. Activate one from a catalog entry.</Content>
      <FilterNote />
      {list.isPending ? (
        <LoadingRows />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Deployments not available" />
      ) : (list.data.items ?? []).length === 0 ? (
        <Empty title="Nothing deployed">Open a catalog entry and choose “Activate”.</Empty>
      ) : (
        <Gallery hasGutter minWidths={{ default: '100%', md: '22rem' }}>
          {(list.data.items ?? [])
            .filter((d) => matchesText(q, d.name, d.active?.model, d.active?.entryId))
            .map((d) => (
            <Card key={d.name} isCompact>
              <CardTitle>
                <Link to={`/deployments/${d.name}`}>{d.name}</Link>{' '}
                <Label isCompact color={healthColor(d.health)}>
                  {d.health ?? 'Unknown'}
                </Label>
              </CardTitle>
              <CardBody>
                {d.active ? (
                  <>
                    Revision {d.active.revision} · {d.active.model} ({d.active.entryId})
                  </>
                ) : (
                  'No active revision'
                )}
                {d.desired && d.desired.revision !== d.active?.revision && (
                  <div>
                    Rolling out revision {d.desired.revision}: {d.desired.state}
                  </div>
                )}
              </CardBody>
            </Card>
          ))}
        </Gallery>
      )}
    </>
  );
}
