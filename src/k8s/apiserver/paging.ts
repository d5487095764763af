import { badRequest, failure, type Status } from '../api/meta.js';

/**
 * `limit`/`continue` as k8s.io/apiserver/pkg/storage/continue.go: the token
 * is base64url (unpadded) JSON naming the revision the first page was read
 * at and the key, relative to the resource prefix, where the next page starts.
 */
export interface Page {
  limit?: number;
  continue?: string;
}

export interface ContinueToken {
  rv: number;
  start: string;
}

export function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

export function decodeContinue(token: string): ContinueToken | Status {
  const bad = (why: string) => badRequest(`continue key is not valid: ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return bad('illegal base64 data at input byte 0');
  }
  const p = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (p.v !== 'meta.k8s.io/v1') return bad('server does not recognize this encoded key');
  if (typeof p.rv !== 'number' || typeof p.start !== 'string' || p.start === '')
    return bad('incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (p.start.includes('..') || p.start.startsWith('/')) return bad('path traversal attempt detected');
  return { rv: p.rv, start: p.start };
}

/** 410 Expired for a continue token whose revision has been compacted (the real server's words). */
export const continueExpired = (): Status =>
  failure(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
  );
