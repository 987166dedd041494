import { Button } from '@patternfly/react-core';
import { Link } from 'react-router';
import type { components } from '../../api/schema';

type Catalog = components['schemas']['Catalog'];

/**
 * Where "Deploy" leads: a model with an approved catalog entry is deployed from that entry's
 * "Review and activate"; any other model is proposed to the catalog first (activation follows the
 * approval, the merge of its pull request).
 */
export function deployTarget(model: string, catalog: Catalog | undefined): string | undefined {
  if (!catalog) return undefined;
  const entry = catalog.status === 'found' ? catalog.entry?.entry?.id : undefined;
  if (entry) return `/catalog/${encodeURIComponent(entry)}?activate=1`;
  if (catalog.status === 'unavailable') return undefined;
  return `/catalog/propose/${model}?deploy=1`;
}

/** The model page's "Deploy" action. */
export function DeployButton({ model, catalog }: { model: string; catalog: Catalog | undefined }) {
  const to = deployTarget(model, catalog);
  if (!to) {
    return (
      <Button variant="secondary" isDisabled title={catalog ? 'The catalog is not reachable' : undefined}>
        Deploy
      </Button>
    );
  }
  return (
    <Button variant="secondary" component={(props: object) => <Link {...props} to={to} />}>
      Deploy
    </Button>
  );
}
