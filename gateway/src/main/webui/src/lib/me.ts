import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export function useMe(enabled = true) {
  return useQuery({
    queryKey: ['me'],
    queryFn: () => call(api.GET('/api/v1/me', {})),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
}

const ORDER = ['viewer', 'operator', 'admin'];

/** A role includes the ones before it (viewer < operator < admin). */
export function hasRole(roles: readonly string[] | undefined, needed: string): boolean {
  const have = Math.max(-1, ...(roles ?? []).map((r) => ORDER.indexOf(r)));
  return have >= ORDER.indexOf(needed);
}
