import { Button, Label } from '@patternfly/react-core';
import { useSearchParams } from 'react-router';

/** "Matching “q”" with a way out, above a list filtered by `?q=` from the URL. */
export function FilterNote() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q');
  if (!q) return null;
  return (
    <p style={{ margin: '0.5rem 0' }}>
      <Label isCompact>Matching “{q}”</Label>{' '}
      <Button
        variant="link"
        isInline
        onClick={() => {
          const next = new URLSearchParams(params);
          next.delete('q');
          setParams(next);
        }}
      >
        Show all
      </Button>
    </p>
  );
}
