import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { streamEvents, type SseMessage } from './sse';
import { getToken } from './token';

/** An event of the log as GET /api/v1/events/stream sends it (the data of each SSE message). */
export interface LiveEvent {
  id: string;
  type: string;
  subject?: string;
  time?: string;
  /** When the gateway logged it: what the drawer's read mark compares with. */
  receivedAt?: string;
  data?: unknown;
}

/** Whether an event came after the person's read mark (none yet: everything is unread). */
export function isUnread(e: LiveEvent, seenAt: string | null | undefined): boolean {
  if (!seenAt) return true;
  const at = e.receivedAt ? Date.parse(e.receivedAt) : NaN;
  return !Number.isNaN(at) && at > Date.parse(seenAt);
}

/** The read mark that covers every event in `events`: the newest receivedAt among them. */
export function newestReceivedAt(events: LiveEvent[]): string | null {
  let best: string | null = null;
  for (const e of events) {
    if (e.receivedAt && (best === null || Date.parse(e.receivedAt) > Date.parse(best))) best = e.receivedAt;
  }
  return best;
}

/** Which cached queries an event makes stale: by the service its CloudEvents type names. */
export function queryKeysFor(type: string): string[][] {
  if (type.startsWith('dev.modelmanager.weights.')) return [['weights'], ['installs'], ['locations']];
  if (type.startsWith('dev.modelmanager.catalog.')) return [['catalog']];
  if (type.startsWith('dev.modelmanager.deploy.')) return [['deployments'], ['weights']];
  return [];
}

interface LiveState {
  connected: boolean;
  /** The newest events, newest first (at most 50). */
  recent: LiveEvent[];
  /** How many events arrived since the console opened (the drawer's unread count counts from it). */
  received: number;
}

const LiveContext = createContext<LiveState>({ connected: false, recent: [], received: 0 });

export function useLive(): LiveState {
  return useContext(LiveContext);
}

/** Live events first, then older ones from the log not already among them; at most 50. */
export function mergeEvents(live: LiveEvent[], older: LiveEvent[]): LiveEvent[] {
  const seen = new Set(live.map((e) => e.id));
  return [...live, ...older.filter((e) => !seen.has(e.id))].slice(0, 50);
}

/** Invalidates at most every `ms` per key, so a burst of progress events costs one refetch. */
export function throttledInvalidator(client: QueryClient, ms: number) {
  const pending = new Map<string, string[]>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  return (keys: string[][]) => {
    for (const k of keys) pending.set(k.join('/'), k);
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const all = [...pending.values()];
      pending.clear();
      for (const k of all) void client.invalidateQueries({ queryKey: k });
    }, ms);
  };
}

/** Opens the live event stream for the signed-in session and keeps queries fresh from it. */
export function LiveEvents({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>({ connected: false, recent: [], received: 0 });
  const invalidate = useRef(throttledInvalidator(client, 300));

  useEffect(() => {
    const abort = new AbortController();
    void streamEvents({
      url: '/api/v1/events/stream',
      token: getToken,
      signal: abort.signal,
      onOpen: () => setState((s) => ({ ...s, connected: true })),
      onError: () => setState((s) => ({ ...s, connected: false })),
      onMessage: (m: SseMessage) => {
        let event: LiveEvent;
        try {
          event = JSON.parse(m.data) as LiveEvent;
        } catch {
          return; // e.g. the 'overflow' notice: the reader reconnects with Last-Event-ID
        }
        invalidate.current(queryKeysFor(event.type));
        setState((s) => ({ connected: true, recent: [event, ...s.recent].slice(0, 50), received: s.received + 1 }));
      },
    });
    return () => abort.abort();
  }, [client]);

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}
