import type { ReactNode } from 'react';
import {
  CodeBlock,
  CodeBlockCode,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Drawer,
  DrawerActions,
  DrawerCloseButton,
  DrawerContent,
  DrawerContentBody,
  DrawerHead,
  DrawerPanelBody,
  DrawerPanelContent,
  Label,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { LoadingRows, ProblemAlert, formatTime } from '../../components/States';
import { UnifiedDiff } from '../../components/UnifiedDiff';
import { canonicalJson, unifiedDiff } from '../../lib/lineDiff';

/** One revision with its applied manifest (GET …/revisions/{number}); off while `number` is null. */
export function useRevision(name: string, number: number | null | undefined) {
  return useQuery({
    queryKey: ['deployments', name, 'revisions', number],
    queryFn: () =>
      call(
        api.GET('/api/v1/deployments/{name}/revisions/{number}', {
          params: { path: { name, number: number! } },
        }),
      ),
    enabled: !!number,
  });
}

/** The line diff between two revisions' applied manifests (canonical JSON, keys sorted). */
export function manifestDiff(before: { revision?: number; manifest?: unknown }, after: { revision?: number; manifest?: unknown }) {
  return unifiedDiff(
    canonicalJson(before.manifest ?? {}),
    canonicalJson(after.manifest ?? {}),
    `revision ${before.revision}`,
    `revision ${after.revision}`,
  );
}

function Field({ term, children }: { term: string; children: ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{children ?? '—'}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

/** The drawer's panel: what revision `number` applied, who asked and why, its states, its diff. */
function RevisionPanel({ name, number }: { name: string; number: number }) {
  const rev = useRevision(name, number);
  const prev = useRevision(name, number > 1 ? number - 1 : null);
  if (rev.isPending) return <LoadingRows rows={6} />;
  if (rev.isError) return <ProblemAlert error={rev.error} title={`Revision ${number} not available`} />;
  const r = rev.data;
  return (
    <div data-testid="revision-drawer">
      <DescriptionList isCompact isHorizontal>
        <Field term="Action">{r.action}</Field>
        <Field term="State">
          <Label isCompact>{r.state}</Label> {r.stateReason}
        </Field>
        <Field term="Actor">{r.actor}</Field>
        <Field term="Reason">{r.reason}</Field>
        <Field term="Catalog entry">{r.entryId}</Field>
        <Field term="Model">{r.model && `${r.model}${r.modelCommit ? ` @ ${r.modelCommit.slice(0, 12)}` : ''}`}</Field>
        <Field term="Rollout strategy">{r.strategy}</Field>
        {r.rollbackOf != null && <Field term="Rolls back to">revision {r.rollbackOf}</Field>}
        {r.deactivateMode && <Field term="Deactivated by">{r.deactivateMode}</Field>}
        <Field term="Created">{formatTime(r.createdAt)}</Field>
      </DescriptionList>
      <Title headingLevel="h3" style={{ margin: '1rem 0 0.5rem' }}>
        State changes
      </Title>
      <Table aria-label={`State changes of revision ${number}`} variant="compact">
        <Thead>
          <Tr>
            <Th>State</Th>
            <Th>Why</Th>
            <Th>When</Th>
          </Tr>
        </Thead>
        <Tbody>
          {(r.states ?? []).map((s, i) => (
            <Tr key={i}>
              <Td dataLabel="State">{s.state}</Td>
              <Td dataLabel="Why">{s.reason ?? '—'}</Td>
              <Td dataLabel="When">{formatTime(s.at)}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Title headingLevel="h3" style={{ margin: '1rem 0 0.5rem' }}>
        {number > 1 ? `Diff to revision ${number - 1}` : 'Diff to the previous revision'}
      </Title>
      {number === 1 ? (
        <p>The first revision: nothing came before it.</p>
      ) : prev.isPending ? (
        <LoadingRows rows={3} />
      ) : prev.isError ? (
        <ProblemAlert error={prev.error} title={`Revision ${number - 1} not available`} />
      ) : (
        <RevisionDiff diff={manifestDiff(prev.data, r)} label={`Manifest diff from revision ${number - 1} to ${number}`} />
      )}
      <Title headingLevel="h3" style={{ margin: '1rem 0 0.5rem' }}>
        Manifest as applied
      </Title>
      <CodeBlock aria-label={`Manifest of revision ${number}`}>
        <CodeBlockCode>{canonicalJson(r.manifest ?? {})}</CodeBlockCode>
      </CodeBlock>
    </div>
  );
}

/** A manifest diff, or the sentence that says there is none. */
export function RevisionDiff({ diff, label }: { diff: string; label: string }) {
  return diff === '' ? <p>The manifests are the same.</p> : <UnifiedDiff diff={diff} label={label} />;
}

/**
 * The deployment page inside a drawer: `revision` (from the URL) opens the panel with that
 * revision; closing it calls `onClose`.
 */
export function RevisionDrawer({
  name,
  revision,
  onClose,
  children,
}: {
  name: string;
  revision: number | null;
  onClose: () => void;
  children: ReactNode;
}) {
  const panel = (
    <DrawerPanelContent widths={{ default: 'width_100', lg: 'width_50' }} aria-label={`Revision ${revision ?? ''}`}>
      <DrawerHead>
        <Title headingLevel="h2">Revision {revision}</Title>
        <DrawerActions>
          <DrawerCloseButton onClick={onClose} aria-label="Close the revision" />
        </DrawerActions>
      </DrawerHead>
      <DrawerPanelBody>{revision !== null && <RevisionPanel name={name} number={revision} />}</DrawerPanelBody>
    </DrawerPanelContent>
  );
  return (
    <Drawer isExpanded={revision !== null} position="end">
      <DrawerContent panelContent={panel}>
        <DrawerContentBody>{children}</DrawerContentBody>
      </DrawerContent>
    </Drawer>
  );
}
