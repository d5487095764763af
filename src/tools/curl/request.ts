import type { CurlOptions } from './args.js';
import type { CurlUrl } from './url.js';

/** curl's own User-Agent. */
export const CURL_VERSION = '7.88.1';

/** The request curl sends: method, the header block (CRLF lines and the blank line) and the body. */
export interface HttpRequest {
  readonly method: string;
  readonly head: string;
  readonly body: string;
}

/**
 * Custom -H headers: `Name: value` replaces curl's own header of that name,
 * `Name:` removes it, `Name;` sends it empty. Host keeps its place; the
 * others follow curl's Host, User-Agent and Accept, then come the -d headers.
 */
export function buildRequest(url: CurlUrl, options: CurlOptions, body: string): HttpRequest {
  const method = options.request ?? (options.head ? 'HEAD' : options.data.length > 0 ? 'POST' : 'GET');
  const custom: [string, string | null][] = [];
  for (const h of options.headers) {
    const m = /^([^:;]+)([:;])\s*(.*)$/.exec(h);
    if (!m) continue;
    custom.push([m[1], m[2] === ';' ? '' : m[3] === '' ? null : m[3]]);
  }
  const has = (name: string) => custom.some(([n]) => n.toLowerCase() === name.toLowerCase());
  const customHost = custom.find(([n]) => n.toLowerCase() === 'host');
  const lines: string[] = [`${method} ${url.path} HTTP/1.1`];
  const hostValue = url.port === 80 ? url.host : `${url.host}:${url.port}`;
  if (!customHost) lines.push(`Host: ${hostValue}`);
  else if (customHost[1] !== null) lines.push(`Host: ${customHost[1]}`);
  if (!has('user-agent')) lines.push(`User-Agent: ${options.userAgent ?? `curl/${CURL_VERSION}`}`);
  if (!has('accept')) lines.push('Accept: */*');
  for (const [name, value] of custom)
    if (name.toLowerCase() !== 'host' && value !== null) lines.push(`${name}: ${value}`);
  if (options.data.length > 0) {
    if (!has('content-length')) lines.push(`Content-Length: ${new TextEncoder().encode(body).length}`);
    if (!has('content-type')) lines.push('Content-Type: application/x-www-form-urlencoded');
  }
  return { method, head: lines.map((l) => l + '\r\n').join('') + '\r\n', body };
}

/** -d values joined with `&`; `@FILE` reads the file without its newlines (null: the file is missing). */
export function requestBody(options: CurlOptions, readFile: (path: string) => string | null): string {
  return options.data
    .map((d) => (d.startsWith('@') ? (readFile(d.slice(1)) ?? '').replace(/[\r\n]/g, '') : d))
    .join('&');
}
