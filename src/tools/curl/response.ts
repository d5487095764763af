/** A response's status line and headers once the blank line has arrived. */
export interface ResponseHead {
  /** 10 for HTTP/1.0, 11 for HTTP/1.1. */
  readonly version: number;
  readonly code: number;
  /** The header block as received (status line included, CRLFs kept, blank line last). */
  readonly raw: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly contentLength: number | null;
  /** Whether the connection ends after this response (HTTP/1.0 or `Connection: close`). */
  readonly close: boolean;
}

export type HeadParse =
  { kind: 'incomplete' } | { kind: 'bad' } | { kind: 'head'; head: ResponseHead; rest: number };

/** Looks for a complete header block at the start of `text` (latin1). */
export function parseResponseHead(text: string): HeadParse {
  if (text.length >= 5 && !text.startsWith('HTTP/')) return { kind: 'bad' };
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { kind: 'incomplete' };
  const raw = text.slice(0, m.index + m[0].length);
  const lines = raw.split(/\r?\n/).filter(Boolean);
  const status = /^HTTP\/(\d)(?:\.(\d))? (\d{3})/.exec(lines[0]);
  if (!status) return { kind: 'bad' };
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const version = Number(status[1]) * 10 + Number(status[2] ?? 0);
  const length = headers.get('content-length');
  const connection = (headers.get('connection') ?? '').toLowerCase();
  return {
    kind: 'head',
    head: {
      version,
      code: Number(status[3]),
      raw,
      headers,
      contentLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : null,
      close: version < 11 || connection === 'close',
    },
    rest: raw.length,
  };
}

/** Whether a response to `method` with `code` carries no body whatever its headers say. */
export function bodyless(method: string, code: number, head: boolean): boolean {
  return head || code === 204 || code === 304 || (code >= 100 && code < 200) || method === 'CONNECT';
}
