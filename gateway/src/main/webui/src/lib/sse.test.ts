import { describe, expect, it, vi } from 'vitest';
import { SseParser, streamEvents, type SseMessage } from './sse';

function parse(chunks: string[]): SseMessage[] {
  const out: SseMessage[] = [];
  const p = new SseParser((m) => out.push(m));
  chunks.forEach((c) => p.feed(c));
  return out;
}

describe('SseParser', () => {
  it('reads id, event and data, and skips heartbeat comments', () => {
    expect(parse([': heartbeat\n\nid: 7\nevent: dev.x\ndata: {"a":1}\n\n'])).toEqual([
      { id: '7', event: 'dev.x', data: '{"a":1}' },
    ]);
  });

  it('joins an event split across chunks anywhere, also inside \\r\\n', () => {
    expect(parse(['id: 1\r', '\nda', 'ta: hel', 'lo\r\n\r', '\n'])).toEqual([
      { id: '1', event: 'message', data: 'hello' },
    ]);
  });

  it('joins multi-line data with newlines and keeps the last id for later events', () => {
    expect(parse(['id: 3\ndata: a\ndata: b\n\ndata: c\n\n'])).toEqual([
      { id: '3', event: 'message', data: 'a\nb' },
      { id: '3', event: 'message', data: 'c' },
    ]);
  });

  it('does not dispatch an event before its blank line', () => {
    expect(parse(['data: partial\n'])).toEqual([]);
  });
});

describe('streamEvents', () => {
  it('sends the bearer token and resumes with Last-Event-ID after the stream ends', async () => {
    const calls: Headers[] = [];
    const abort = new AbortController();
    const bodies = ['id: 41\nevent: t\ndata: {}\n\n', 'id: 42\nevent: t\ndata: {}\n\n'];
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      calls.push(new Headers(init.headers));
      const text = bodies.shift();
      if (text === undefined) {
        abort.abort();
        throw new DOMException('aborted', 'AbortError');
      }
      return new Response(text, { status: 200 });
    });
    vi.stubGlobal('fetch', fetchMock);
    const seen: string[] = [];
    await streamEvents({
      url: '/api/v1/events/stream',
      token: () => 'mm_secret',
      signal: abort.signal,
      retryMs: 1,
      onMessage: (m) => seen.push(m.id!),
    });
    vi.unstubAllGlobals();
    expect(seen).toEqual(['41', '42']);
    expect(calls[0].get('Authorization')).toBe('Bearer mm_secret');
    expect(calls[0].get('Last-Event-ID')).toBeNull();
    expect(calls[1].get('Last-Event-ID')).toBe('41');
    expect(calls[2].get('Last-Event-ID')).toBe('42');
  });

  it('stops on 401 instead of retrying forever', async () => {
    const fetchMock = vi.fn(async () => new Response('', { status: 401 }));
    vi.stubGlobal('fetch', fetchMock);
    const errors: unknown[] = [];
    await streamEvents({
      url: '/s',
      token: () => 'bad',
      signal: new AbortController().signal,
      retryMs: 1,
      onMessage: () => {},
      onError: (e) => errors.push(e),
    });
    vi.unstubAllGlobals();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(errors[0])).toContain('401');
  });
});
