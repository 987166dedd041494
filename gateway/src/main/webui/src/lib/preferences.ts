import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { components } from '../api/schema';

export type Preferences = components['schemas']['UserPreferences'];

/** The caller's preferences, kept by the gateway per person (GET /api/v1/me/preferences). */
export function usePreferences(enabled = true) {
  return useQuery({
    queryKey: ['preferences'],
    queryFn: () => call(api.GET('/api/v1/me/preferences')),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
}

/**
 * Saves a change: the API replaces the whole set, so the change is merged into what is cached.
 */
export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: Partial<Preferences>) => {
      const current = client.getQueryData<Preferences>(['preferences']) ?? {};
      const next = { ...current, ...change };
      return call(
        api.PUT('/api/v1/me/preferences', {
          body: {
            favorites: next.favorites ?? [],
            defaultGpuPool: next.defaultGpuPool || undefined,
            defaultLocation: next.defaultLocation || undefined,
            theme: next.theme ?? 'system',
            lastSeenEventAt: next.lastSeenEventAt || undefined,
          },
        }),
      );
    },
    onSuccess: (saved) => client.setQueryData(['preferences'], saved),
  });
}
