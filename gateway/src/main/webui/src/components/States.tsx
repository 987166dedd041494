import {
  Alert,
  EmptyState,
  EmptyStateBody,
  Skeleton,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { describe } from '../lib/problem';

/** An API error as its problem+json says it: the title and the detail. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const d = describe(error);
  return (
    <Alert variant="danger" isInline title={title ?? d.title} data-testid="problem">
      {d.detail}
    </Alert>
  );
}

/** Placeholder rows of the same height as the content they stand for (no layout shift). */
export function LoadingRows({ rows = 5, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <Stack hasGutter aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <StackItem key={i}>
          <Skeleton height="2rem" screenreaderText={i === 0 ? label : undefined} />
        </StackItem>
      ))}
    </Stack>
  );
}

/** What to do next when there is nothing to show. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <EmptyState titleText={title} headingLevel="h2" variant="sm">
      {children && <EmptyStateBody>{children}</EmptyStateBody>}
    </EmptyState>
  );
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

export function formatTime(t: string | null | undefined): string {
  if (!t) return '—';
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? t : d.toLocaleString();
}
