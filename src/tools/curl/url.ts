/** The parts of an http:// URL curl uses. */
export interface CurlUrl {
  readonly scheme: string;
  readonly host: string;
  readonly port: number;
  /** Path and query, as sent on the request line. */
  readonly path: string;
  /** The URL as curl normalizes it (%{url_effective}). */
  readonly effective: string;
}

export type ParsedUrl = { ok: true; url: CurlUrl } | { ok: false; code: number; message: string };

const BAD = { ok: false, code: 3, message: 'URL using bad/illegal format or missing URL' } as const;

/** curl_url_set for the URLs lab scripts use: `[http://]HOST[:PORT][/PATH][?QUERY][#FRAGMENT]`. */
export function parseUrl(text: string): ParsedUrl {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(text);
  const scheme = m ? m[1].toLowerCase() : 'http';
  const rest = m ? m[2] : text;
  if (scheme !== 'http')
    return { ok: false, code: 1, message: `Protocol "${m![1]}" not supported or disabled in libcurl` };
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  let path = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  path = path.split('#', 1)[0];
  if (!path.startsWith('/')) path = '/' + path;
  const hostPort = /^([^:@[\]]+)(?::(\d*))?$/.exec(authority);
  if (!hostPort) return BAD;
  const host = hostPort[1];
  const port = hostPort[2] ? Number(hostPort[2]) : 80;
  if (port > 65535) return BAD;
  const shownPort = hostPort[2] !== undefined && hostPort[2] !== '' ? `:${hostPort[2]}` : '';
  return { ok: true, url: { scheme, host, port, path, effective: `${scheme}://${host}${shownPort}${path}` } };
}
