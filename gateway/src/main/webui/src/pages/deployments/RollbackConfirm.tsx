import { Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { components } from '../../api/schema';
import { Confirm } from '../../components/Confirm';
import { LoadingRows, ProblemAlert } from '../../components/States';
import { RevisionDiff, manifestDiff, useRevision } from './RevisionDrawer';

type Revision = components['schemas']['RevisionView'];

const FIELDS: [keyof Revision, string][] = [
  ['entryId', 'Catalog entry'],
  ['model', 'Model'],
  ['modelCommit', 'Model commit'],
  ['catalogCommit', 'Catalog commit'],
  ['weightsLocation', 'Weights location'],
  ['strategy', 'Rollout strategy'],
];

/** What a rollback changes: the fields of the revision it returns to that differ from the active one. */
export function rollbackChanges(active: Revision | undefined, target: Revision) {
  return FIELDS.filter(([k]) => (active?.[k] ?? null) !== (target[k] ?? null)).map(([k, label]) => ({
    label,
    from: active?.[k] === undefined || active?.[k] === null ? '—' : String(active[k]),
    to: target[k] === undefined || target[k] === null ? '—' : String(target[k]),
  }));
}

/**
 * Asks before a rollback, showing what goes back (active revision → target revision): the fields
 * that differ, then the two applied manifests line by line.
 */
export function RollbackConfirm({
  name,
  active,
  target,
  busy,
  onConfirm,
  onClose,
}: {
  name: string;
  active: Revision | undefined;
  target: Revision | null;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const changes = target ? rollbackChanges(active, target) : [];
  const now = useRevision(name, target ? active?.revision : null);
  const after = useRevision(name, target?.revision);
  return (
    <Confirm
      isOpen={target !== null}
      title={`Roll back to revision ${target?.revision}?`}
      confirmLabel={`Roll back to ${target?.revision}`}
      busy={busy}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      {changes.length === 0 ? (
        <p>Revision {target?.revision} serves the same entry, model and commits as the active one: it is applied again.</p>
      ) : (
        <Table aria-label="What the rollback changes" variant="compact">
          <Thead>
            <Tr>
              <Th>Field</Th>
              <Th>Now{active ? ` (revision ${active.revision})` : ''}</Th>
              <Th>After (revision {target?.revision})</Th>
            </Tr>
          </Thead>
          <Tbody>
            {changes.map((c) => (
              <Tr key={c.label}>
                <Td dataLabel="Field">{c.label}</Td>
                <Td dataLabel="Now">
                  <code>{c.from}</code>
                </Td>
                <Td dataLabel="After">
                  <code>{c.to}</code>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {active && target && (
        <>
          <Title headingLevel="h3" style={{ margin: '1rem 0 0.5rem' }}>
            Manifest: now (revision {active.revision}) → after (revision {target.revision})
          </Title>
          {now.isPending || after.isPending ? (
            <LoadingRows rows={3} />
          ) : now.isError || after.isError ? (
            <ProblemAlert error={now.error ?? after.error} title="Manifests not available" />
          ) : (
            <RevisionDiff
              diff={manifestDiff(now.data, after.data)}
              label={`Manifest diff from revision ${active.revision} to ${target.revision}`}
            />
          )}
        </>
      )}
      <p style={{ marginTop: '1rem' }}>The manifest of revision {target?.revision} is applied again as a new revision (its revision label changes to the new number); it can itself be rolled back.</p>
    </Confirm>
  );
}
