// Rendering a page as the app does (query client, router) against a fake API.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Handler = (r: Recorded) => Response | unknown;

/**
 * Stubs fetch with handlers keyed "METHOD /path" (the path without the query); a handler returns
 * a Response or a value sent as JSON. Unknown calls answer 404. Returns the calls made.
 */
export function mockApi(handlers: Record<string, Handler>): Recorded[] {
  const calls: Recorded[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), window.location.origin), init);
      const url = new URL(request.url, window.location.origin);
      const text = request.body ? await request.text() : '';
      const r: Recorded = {
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        body: text ? JSON.parse(text) : undefined,
      };
      calls.push(r);
      const handler = handlers[`${r.method} ${r.path}`];
      if (!handler) {
        return Response.json({ title: 'Not Found', status: 404, detail: `no mock for ${r.method} ${r.path}` }, { status: 404 });
      }
      const out = handler(r);
      return out instanceof Response ? out : Response.json(out ?? null);
    }),
  );
  return calls;
}

export function problem(status: number, detail: string): Response {
  return Response.json(
    { title: `HTTP ${status}`, status, detail },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

function ShowLocation() {
  const l = useLocation();
  return <div data-testid="location">{l.pathname + l.search}</div>;
}

/** Renders `ui` at `route` (matched by `path`) with a fresh query client; shows the location. */
export function renderPage(ui: ReactElement, route = '/', path = '*') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route path={path} element={ui} />
          {path !== '*' && <Route path="*" element={null} />}
        </Routes>
        <ShowLocation />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

export const ADMIN = { subject: 'admin', roles: ['admin'], scopes: ['*'] };
export const VIEWER = { subject: 'vic', roles: ['viewer'], scopes: ['*'] };
