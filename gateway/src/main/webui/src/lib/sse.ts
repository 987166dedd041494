// A Server-Sent Events reader over fetch: EventSource cannot send the Authorization header.

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/**
 * Incremental parser of the text/event-stream format (WHATWG HTML, "Parsing an event stream"):
 * feed it chunks as they arrive, it calls onMessage for each complete event.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;

  constructor(private readonly onMessage: (m: SseMessage) => void) {}

  feed(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone \r at the end might be the first half of \r\n: wait for more.
      if (this.buffer[newline] === '\r' && newline + 1 === this.buffer.length) {
        return;
      }
      this.buffer = this.buffer.slice(newline + width);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) {
      return; // a comment (the server's heartbeat)
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'data') {
      this.data.push(value);
    } else if (field === 'event') {
      this.event = value;
    } else if (field === 'id' && !value.includes('\0')) {
      this.id = value;
    }
  }

  private dispatch(): void {
    if (this.data.length > 0) {
      this.onMessage({ id: this.id, event: this.event || 'message', data: this.data.join('\n') });
    }
    this.data = [];
    this.event = '';
  }
}

export interface StreamOptions {
  url: string;
  token: () => string | null;
  onMessage: (m: SseMessage) => void;
  onOpen?: () => void;
  onError?: (e: unknown) => void;
  signal: AbortSignal;
  /** Reconnect delay; the stream resumes after the last id it saw (Last-Event-ID). */
  retryMs?: number;
}

/** Reads the stream until the signal aborts, reconnecting after errors with Last-Event-ID. */
export async function streamEvents(o: StreamOptions): Promise<void> {
  let lastId: string | undefined;
  while (!o.signal.aborted) {
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      const token = o.token();
      if (token) headers.Authorization = `Bearer ${token}`;
      if (lastId) headers['Last-Event-ID'] = lastId;
      const response = await fetch(o.url, { headers, signal: o.signal, cache: 'no-store' });
      if (response.status === 401 || response.status === 403) {
        o.onError?.(new Error(`event stream refused: HTTP ${response.status}`));
        return;
      }
      if (!response.ok || !response.body) {
        throw new Error(`event stream: HTTP ${response.status}`);
      }
      o.onOpen?.();
      const parser = new SseParser((m) => {
        if (m.id) lastId = m.id;
        o.onMessage(m);
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch (e) {
      if (o.signal.aborted) return;
      o.onError?.(e);
    }
    await new Promise((r) => setTimeout(r, o.retryMs ?? 2000));
  }
}
