import { Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';

const COLOR: Record<string, 'green' | 'orange' | 'red' | 'grey'> = { PASS: 'green', WARN: 'orange', FAIL: 'red' };

export interface CheckLike {
  name?: string;
  status?: string;
  message?: string;
  detail?: string;
  pointer?: string;
}

/** Validation or pre-flight checks: pass/warn/fail and what each says to do. */
export function ChecksTable({ checks, label }: { checks: CheckLike[]; label: string }) {
  return (
    <Table aria-label={label} variant="compact" gridBreakPoint="grid-md">
      <Thead>
        <Tr>
          <Th>Check</Th>
          <Th>Status</Th>
          <Th>Message</Th>
        </Tr>
      </Thead>
      <Tbody>
        {checks.map((c, i) => (
          <Tr key={`${c.name}-${c.pointer ?? i}`}>
            <Td dataLabel="Check">{c.name}</Td>
            <Td dataLabel="Status">
              <Label isCompact color={COLOR[(c.status ?? '').toUpperCase()] ?? 'grey'}>
                {c.status}
              </Label>
            </Td>
            <Td dataLabel="Message">{c.message ?? c.detail}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
