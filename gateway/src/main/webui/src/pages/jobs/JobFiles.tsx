import { Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { components } from '../../api/schema';
import { formatBytes } from '../../components/States';

type FileProgress = components['schemas']['FileProgress'];

/** What a file of an install is doing, from the bytes the job has recorded for it. */
export function fileState(f: FileProgress): {
  label: string;
  color: 'green' | 'blue' | 'grey' | 'orange';
} {
  const done = f.bytesDone ?? 0;
  const size = f.size ?? 0;
  if (f.verified) return { label: 'verified', color: 'green' };
  if (done > 0 && done >= size) return { label: 'checking', color: 'orange' };
  if (done > 0) return { label: 'downloading', color: 'blue' };
  return { label: 'waiting', color: 'grey' };
}

/** The per-file state of one install job, and the files its plan skipped. */
export function JobFiles({
  repo,
  files,
  skipped,
}: {
  repo: string;
  files: FileProgress[];
  skipped: string[];
}) {
  return (
    <>
      {files.length === 0 ? (
        <small>The file list appears once the job has resolved the revision.</small>
      ) : (
        <Table aria-label={`Files of ${repo}`} variant="compact" data-testid="job-files">
          <Thead>
            <Tr>
              <Th>File</Th>
              <Th>State</Th>
              <Th>Done</Th>
              <Th>Size</Th>
            </Tr>
          </Thead>
          <Tbody>
            {files.map((f) => {
              const s = fileState(f);
              return (
                <Tr key={f.path}>
                  <Td dataLabel="File">
                    <code>{f.path}</code>
                  </Td>
                  <Td dataLabel="State">
                    <Label isCompact color={s.color}>
                      {s.label}
                    </Label>
                  </Td>
                  <Td dataLabel="Done">{formatBytes(f.bytesDone)}</Td>
                  <Td dataLabel="Size">{formatBytes(f.size)}</Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {skipped.length > 0 && (
        <small data-testid="job-skipped">
          Skipped ({skipped.length}): {skipped.join(', ')}
        </small>
      )}
    </>
  );
}
