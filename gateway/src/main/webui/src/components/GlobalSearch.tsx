import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { TextInput } from '@patternfly/react-core';
import { useQueries } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, call } from '../api/client';
import { ApiError, describe } from '../lib/problem';
import { matchesText } from '../lib/textFilter';

/** Whether a key press should stay in what has focus (typing in a field) rather than jump. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Hits shown per group; "see all" opens the page with the query as its filter. */
export const HITS = 4;
/** Typing pauses this long before the groups are searched. */
export const DEBOUNCE_MS = 250;
const MIN_CHARS = 2;

interface Hit {
  key: string;
  label: string;
  detail?: string;
  to: string;
}

interface Group {
  key: string;
  label: string;
  seeAll: (q: string) => string;
  /** The group's matches (at most HITS) and whether there are more than shown. */
  search: (q: string) => Promise<{ hits: Hit[]; more: boolean }>;
}

const enc = encodeURIComponent;

type Fields<T> = (t: T) => (string | null | undefined)[];

/** A group whose list API takes the text: its first HITS items. */
function queried<T>(load: (q: string) => Promise<{ items?: T[]; nextCursor?: string | null }>, hit: (t: T) => Hit) {
  return async (q: string) => {
    const page = await load(q);
    const items = page.items ?? [];
    return { hits: items.slice(0, HITS).map(hit), more: items.length > HITS || !!page.nextCursor };
  };
}

/** A group whose list API has no text filter: its newest page, matched here. */
function matched<T>(load: () => Promise<{ items?: T[] }>, fields: Fields<T>, hit: (t: T) => Hit) {
  return async (q: string) => {
    const items = ((await load()).items ?? []).filter((t) => matchesText(q, ...fields(t)));
    return { hits: items.slice(0, HITS).map(hit), more: items.length > HITS };
  };
}

// The list APIs that take a text query get it (Hub search, weights, jobs); catalog entries and
// deployments are matched here on their newest page, as their pages filter `?q=`.
const GROUPS: Group[] = [
  {
    key: 'models',
    label: 'Models on Hugging Face',
    seeAll: (q) => `/discover?q=${enc(q)}`,
    search: queried(
      (q) => call(api.GET('/api/v1/huggingface/search', { params: { query: { q, limit: HITS + 1 } } })),
      (m) => ({ key: m.id!, label: m.id!, detail: m.pipelineTag ?? m.architecture ?? undefined, to: `/models/${m.id}` }),
    ),
  },
  {
    key: 'weights',
    label: 'Staged weights',
    seeAll: (q) => `/weights?q=${enc(q)}`,
    search: queried(
      (q) => call(api.GET('/api/v1/weights', { params: { query: { q, limit: HITS + 1 } as never } })),
      (s) => ({
        key: s.id!,
        label: `${s.repo}@${(s.revision ?? '').slice(0, 12)}`,
        detail: s.location,
        to: `/weights?q=${enc(s.repo ?? '')}`,
      }),
    ),
  },
  {
    key: 'jobs',
    label: 'Jobs',
    seeAll: (q) => `/jobs?q=${enc(q)}`,
    search: queried(
      (q) => call(api.GET('/api/v1/weights/installs', { params: { query: { q, limit: HITS + 1 } } })),
      (j) => ({ key: j.id!, label: j.repo ?? j.id!, detail: j.state, to: `/jobs?job=${enc(j.id!)}` }),
    ),
  },
  {
    key: 'catalog',
    label: 'Catalog entries',
    seeAll: (q) => `/catalog?q=${enc(q)}`,
    search: matched(
      () => call(api.GET('/api/v1/catalog/entries', { params: { query: { limit: 200 } as never } })),
      ({ entry }) => [entry?.id, entry?.displayName, entry?.hfModelId],
      ({ entry }) => ({
        key: entry!.id!,
        label: entry!.displayName || entry!.id!,
        detail: entry!.hfModelId,
        to: `/catalog/${entry!.id}`,
      }),
    ),
  },
  {
    key: 'deployments',
    label: 'Deployments',
    seeAll: (q) => `/deployments?q=${enc(q)}`,
    search: matched(
      () => call(api.GET('/api/v1/deployments', { params: { query: { limit: 200 } as never } })),
      (d) => [d.name, d.active?.model, d.active?.entryId],
      (d) => ({ key: d.name!, label: d.name!, detail: d.active?.model ?? d.health, to: `/deployments/${d.name}` }),
    ),
  },
];

interface Option {
  id: string;
  to: string;
}

/**
 * The masthead's search: as one types (debounced) it searches models on the Hub, staged weights,
 * jobs, catalog entries and deployments at once and lists a few hits of each, grouped, with "see
 * all" to the page filtered by the text. A group the token may not read (403) is left out.
 * Keyboard: "/" focuses it anywhere, arrows move, Enter opens (without a highlighted hit: the
 * Hub search on Discover), Escape closes. An ARIA 1.2 combobox with a grouped listbox.
 */
export function GlobalSearch() {
  const navigate = useNavigate();
  const base = useId();
  const listId = `${base}-list`;
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const t = setTimeout(() => setDebounced(q.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [q]);
  useEffect(() => setActive(-1), [debounced]);

  const enabled = debounced.length >= MIN_CHARS;
  const results = useQueries({
    queries: GROUPS.map((g) => ({
      queryKey: ['global-search', g.key, debounced],
      queryFn: () => g.search(debounced),
      enabled,
      staleTime: 30_000,
      retry: false,
    })),
  });

  // Groups in order, without those the token cannot read; options flattened for the arrows.
  const shown = GROUPS.map((g, i) => ({ group: g, result: results[i] })).filter(
    ({ result }) => !(result.error instanceof ApiError && result.error.status === 403),
  );
  const options: Option[] = [];
  for (const { group, result } of shown) {
    const hits = result.data?.hits ?? [];
    hits.forEach((h) => options.push({ id: `${base}-${group.key}-${h.key}`, to: h.to }));
    if (hits.length > 0) options.push({ id: `${base}-${group.key}-all`, to: group.seeAll(debounced) });
  }
  const loading = shown.some(({ result }) => result.isFetching);
  const found = shown.reduce((n, { result }) => n + (result.data?.hits.length ?? 0), 0);
  const expanded = open && enabled;
  const activeOption = active >= 0 && active < options.length ? options[active] : undefined;

  function go(to: string) {
    setOpen(false);
    setActive(-1);
    input.current?.blur();
    navigate(to);
  }

  function onKeyDown(e: ReactKeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a < 0 ? (step > 0 ? 0 : options.length - 1) : (a + step + options.length) % options.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const query = q.trim();
      if (expanded && activeOption) go(activeOption.to);
      else go(query ? `/discover?q=${enc(query)}` : '/discover');
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (q) {
        setQ('');
      }
    }
  }

  return (
    <div role="search" aria-label="Search everything" className="mm-global-search">
      <TextInput
        ref={input}
        type="text"
        role="combobox"
        aria-label="Search models, weights, jobs, catalog and deployments (press / to focus)"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && activeOption ? activeOption.id : undefined}
        autoComplete="off"
        placeholder="Search…  /"
        value={q}
        onChange={(_e, v) => {
          setQ(v);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div role="status" className="pf-v6-screen-reader">
        {expanded && !loading ? `${found} results` : ''}
      </div>
      <div
        id={listId}
        role="listbox"
        aria-label="Search results"
        className="mm-global-search-results"
        hidden={!expanded}
        // Keeps the focus in the box while a hit is clicked.
        onMouseDown={(e) => e.preventDefault()}
      >
        {expanded &&
          shown.map(({ group, result }) => {
            const headingId = `${base}-${group.key}-label`;
            const hits = result.data?.hits ?? [];
            if (result.isSuccess && hits.length === 0) return null;
            return (
              <div key={group.key} role="group" aria-labelledby={headingId}>
                <div id={headingId} role="presentation" className="mm-global-search-group">
                  {group.label}
                </div>
                {result.isPending && (
                  <div role="option" aria-disabled="true" aria-selected="false" className="mm-global-search-note">
                    Searching…
                  </div>
                )}
                {result.isError && (
                  <div role="option" aria-disabled="true" aria-selected="false" className="mm-global-search-note">
                    Not searched: {describe(result.error).detail}
                  </div>
                )}
                {hits.map((h) => {
                  const id = `${base}-${group.key}-${h.key}`;
                  return (
                    <div
                      key={id}
                      id={id}
                      role="option"
                      aria-selected={activeOption?.id === id}
                      className="mm-global-search-option"
                      onClick={() => go(h.to)}
                    >
                      <span>{h.label}</span>
                      {h.detail && <small>{h.detail}</small>}
                    </div>
                  );
                })}
                {hits.length > 0 && (
                  <div
                    id={`${base}-${group.key}-all`}
                    role="option"
                    aria-selected={activeOption?.id === `${base}-${group.key}-all`}
                    className="mm-global-search-option mm-global-search-all"
                    onClick={() => go(group.seeAll(debounced))}
                  >
                    See all {group.label.toLowerCase()}
                    {result.data?.more ? ' …' : ''}
                  </div>
                )}
              </div>
            );
          })}
        {expanded && !loading && found === 0 && shown.every(({ result }) => !result.isError) && (
          <div role="option" aria-disabled="true" aria-selected="false" className="mm-global-search-note">
            Nothing matches “{debounced}”. Press Enter to search the Hub on Discover.
          </div>
        )}
      </div>
    </div>
  );
}
