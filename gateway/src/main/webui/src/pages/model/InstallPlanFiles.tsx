import { Alert, Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { components } from '../../api/schema';
import { formatBytes } from '../../components/States';

export type InstallPlan = components['schemas']['InstallPlan'];
type Action = NonNullable<components['schemas']['InstallPlanFile']['action']>;

const LABELS: Record<Action, { text: string; color: 'blue' | 'green' | 'orange' | 'grey' }> = {
  download: { text: 'download', color: 'blue' },
  present: { text: 'already present', color: 'green' },
  'skip-duplicate': { text: 'skipped: duplicate format', color: 'orange' },
  excluded: { text: 'excluded by the patterns', color: 'grey' },
};

/** Rows shown at most; the summary counts every file. */
const MAX_ROWS = 300;

/** How many files of the plan have `action`. */
export function countOf(plan: InstallPlan, action: Action): number {
  return (plan.files ?? []).filter((f) => f.action === action).length;
}

/** One sentence on what the install will do with the files. */
export function planSummary(plan: InstallPlan): string {
  const files = plan.files ?? [];
  const installed = countOf(plan, 'download') + countOf(plan, 'present');
  return (
    `${installed} of ${files.length} files will be installed: ${formatBytes(plan.bytesToDownload)} to download, ` +
    `${formatBytes(plan.bytesPresent)} already present; ${countOf(plan, 'skip-duplicate')} duplicate formats skipped, ` +
    `${countOf(plan, 'excluded')} excluded by the patterns`
  );
}

/** The server's plan: every file with its size, what happens to it, and why a skipped one is skipped. */
export function InstallPlanFiles({ plan }: { plan: InstallPlan }) {
  const files = plan.files ?? [];
  const nothing = plan.refusal?.status === 400;
  return (
    <>
      <Alert isInline isPlain variant={nothing ? 'danger' : 'info'} title={planSummary(plan)} data-testid="files-matched">
        {nothing && plan.refusal?.detail}
      </Alert>
      <Table aria-label="Files of the install" variant="compact" gridBreakPoint="grid-md">
        <Thead>
          <Tr>
            <Th>File</Th>
            <Th>Size</Th>
            <Th>Action</Th>
            <Th>Reason</Th>
          </Tr>
        </Thead>
        <Tbody>
          {files.slice(0, MAX_ROWS).map((f) => {
            const label = LABELS[f.action ?? 'download'];
            return (
              <Tr key={f.path}>
                <Td dataLabel="File">
                  <code>{f.path}</code>
                </Td>
                <Td dataLabel="Size">{formatBytes(f.size)}</Td>
                <Td dataLabel="Action">
                  <Label isCompact color={label.color}>
                    {label.text}
                  </Label>
                </Td>
                <Td dataLabel="Reason">{f.reason ?? ''}</Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {files.length > MAX_ROWS && <p>… and {files.length - MAX_ROWS} more files.</p>}
    </>
  );
}
