/** How a line of a unified diff reads: added, removed, a hunk header, a file header, or context. */
export function lineKind(line: string): 'add' | 'del' | 'hunk' | 'file' | 'ctx' {
  if (line.startsWith('+++') || line.startsWith('---')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'ctx';
}

const LABEL = { add: 'added', del: 'removed', hunk: '', file: '', ctx: '' } as const;

/** A unified diff with added and removed lines marked (colour and a screen-reader word). */
export function UnifiedDiff({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <pre className="mm-diff" aria-label={label} tabIndex={0}>
      {lines.map((line, i) => {
        const kind = lineKind(line);
        return (
          <div key={i} className={`mm-diff-${kind}`} data-kind={kind}>
            {LABEL[kind] && <span className="pf-v6-screen-reader">{LABEL[kind]}: </span>}
            {line || ' '}
          </div>
        );
      })}
    </pre>
  );
}
