import { posix } from 'node:path';
import { guessType } from './mime.js';
import { HTTP_STATUS, errorPage } from './status.js';
import { htmlEscape, normpath, quote, unquote } from './url.js';

/** The files the server sees (the shell's view: files written by the script over the host's, read-only). */
export interface FileView {
  /** A regular file's contents, null when there is none. */
  read(path: string): string | null;
  /** A directory's entries, null when `path` is not a directory. */
  list(path: string): readonly { readonly name: string; readonly directory: boolean }[] | null;
}

export interface HandlerContext {
  readonly files: FileView;
  /** The absolute directory served (--directory). */
  readonly directory: string;
  /** --protocol: HTTP/1.0 (the default) closes after each response. */
  readonly protocol: string;
  /** `Server:` value. */
  readonly server: string;
  /** The Date header's value for this response. */
  readonly date: string;
}

/** What one request produced: log messages, then the bytes to send. */
export interface Exchange {
  /** log_message texts in order (the caller prefixes the client address and date). */
  readonly logs: string[];
  /** The status line and headers, sent with one write (end_headers); empty for HTTP/0.9. */
  head: string;
  /** The body (GET only); written after the head. */
  body: Uint8Array;
  /** close_connection: false only for HTTP/1.1 keep-alive. */
  close: boolean;
}

const encoder = new TextEncoder();

/** One request as BaseHTTPRequestHandler.handle_one_request and SimpleHTTPRequestHandler serve it. */
export class Handler {
  private readonly ex: Exchange = { logs: [], head: '', body: new Uint8Array(0), close: true };
  private requestVersion = 'HTTP/0.9';
  private requestline = '';
  private command = '';
  private path = '';
  private headers = new Map<string, string>();

  constructor(private readonly ctx: HandlerContext) {}

  /** `raw`: the request line and header lines (latin1), or '' when the client sent nothing. */
  handle(raw: string): Exchange {
    if (raw === '' || !this.parseRequest(raw)) return this.ex;
    if (this.command === 'GET' || this.command === 'HEAD') this.sendHead();
    else this.sendError(501, `Unsupported method ('${this.command}')`);
    return this.ex;
  }

  private parseRequest(raw: string): boolean {
    const lines = raw.split('\n');
    const requestline = lines[0].replace(/[\r\n]+$/, '');
    this.requestline = requestline;
    const words = requestline.split(/\s+/).filter(Boolean);
    if (words.length === 0) return false;
    if (words.length >= 3) {
      const version = words[words.length - 1];
      const numbers = version.startsWith('HTTP/') ? version.slice(5).split('.') : [];
      if (numbers.length !== 2 || !numbers.every((n) => /^\d+$/.test(n))) {
        this.sendError(400, `Bad request version ('${version}')`);
        return false;
      }
      const [major, minor] = numbers.map(Number);
      if ((major > 1 || (major === 1 && minor >= 1)) && this.ctx.protocol >= 'HTTP/1.1')
        this.ex.close = false;
      if (major >= 2) {
        this.sendError(505, `Invalid HTTP version (${version.slice(5)})`);
        return false;
      }
      this.requestVersion = version;
    }
    if (words.length < 2 || words.length > 3) {
      this.sendError(400, `Bad request syntax ('${requestline}')`);
      return false;
    }
    [this.command, this.path] = words;
    if (words.length === 2) {
      this.ex.close = true;
      if (this.command !== 'GET') {
        this.sendError(400, `Bad HTTP/0.9 request type ('${this.command}')`);
        return false;
      }
    }
    if (this.path.startsWith('//')) this.path = '/' + this.path.replace(/^\/+/, '');
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) this.headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
    }
    const conntype = (this.headers.get('connection') ?? '').toLowerCase();
    if (conntype === 'close') this.ex.close = true;
    else if (conntype === 'keep-alive' && this.ctx.protocol >= 'HTTP/1.1') this.ex.close = false;
    return true;
  }

  private sendHead(): void {
    let path = this.translatePath(this.path);
    if (this.ctx.files.list(path) !== null) {
      const [urlPath, query] = splitQuery(this.path);
      if (!urlPath.endsWith('/')) {
        this.sendResponse(301);
        this.sendHeader('Location', urlPath + '/' + query);
        this.sendHeader('Content-Length', '0');
        return this.endHeaders();
      }
      const index = ['index.html', 'index.htm']
        .map((name) => posix.join(path, name))
        .find((p) => this.ctx.files.read(p) !== null);
      if (index === undefined) return this.listDirectory(path);
      path = index;
    }
    const ctype = guessType(path);
    const text = path.endsWith('/') ? null : this.ctx.files.read(path);
    if (text === null) return this.sendError(404, 'File not found');
    const body = encoder.encode(text);
    this.sendResponse(200);
    this.sendHeader('Content-type', ctype);
    this.sendHeader('Content-Length', String(body.length));
    // The emulated files carry no modification time: they count as written now.
    this.sendHeader('Last-Modified', this.ctx.date);
    this.endHeaders();
    if (this.command === 'GET') this.ex.body = body;
  }

  private listDirectory(path: string): void {
    const entries = [...(this.ctx.files.list(path) ?? [])].sort((a, b) =>
      a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0,
    );
    const title = `Directory listing for ${htmlEscape(unquote(this.path))}`;
    const r = [
      '<!DOCTYPE HTML>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<title>${title}</title>\n</head>`,
      `<body>\n<h1>${title}</h1>`,
      '<hr>\n<ul>',
      ...entries.map((e) => {
        const name = e.directory ? e.name + '/' : e.name;
        return `<li><a href="${quote(name)}">${htmlEscape(name)}</a></li>`;
      }),
      '</ul>\n<hr>\n</body>\n</html>\n',
    ];
    const body = encoder.encode(r.join('\n'));
    this.sendResponse(200);
    this.sendHeader('Content-type', 'text/html; charset=utf-8');
    this.sendHeader('Content-Length', String(body.length));
    this.endHeaders();
    if (this.command === 'GET') this.ex.body = body;
  }

  /** translate_path: the URL path (query and fragment dropped, %XX decoded) under the served directory. */
  private translatePath(urlPath: string): string {
    const path = urlPath.split('?', 1)[0].split('#', 1)[0];
    const trailingSlash = path.trimEnd().endsWith('/');
    let fsPath = this.ctx.directory;
    for (const word of normpath(unquote(path)).split('/').filter(Boolean)) fsPath = posix.join(fsPath, word);
    return trailingSlash ? fsPath + '/' : fsPath;
  }

  private sendError(code: number, message: string): void {
    const [, explain] = HTTP_STATUS[code] ?? ['???', '???'];
    this.ex.logs.push(`code ${code}, message ${message}`);
    this.sendResponse(code, message);
    this.sendHeader('Connection', 'close');
    const body = encoder.encode(errorPage(code, htmlEscape(message), htmlEscape(explain)));
    this.sendHeader('Content-Type', 'text/html;charset=utf-8');
    this.sendHeader('Content-Length', String(body.length));
    this.endHeaders();
    if (this.command !== 'HEAD') this.ex.body = body;
  }

  private sendResponse(code: number, message?: string): void {
    this.ex.logs.push(`"${this.requestline}" ${code} -`);
    if (this.requestVersion !== 'HTTP/0.9')
      this.ex.head += `${this.ctx.protocol} ${code} ${message ?? HTTP_STATUS[code]?.[0] ?? ''}\r\n`;
    this.sendHeader('Server', this.ctx.server);
    this.sendHeader('Date', this.ctx.date);
  }

  private sendHeader(keyword: string, value: string): void {
    if (this.requestVersion !== 'HTTP/0.9') this.ex.head += `${keyword}: ${value}\r\n`;
    if (keyword.toLowerCase() === 'connection') {
      if (value.toLowerCase() === 'close') this.ex.close = true;
      else if (value.toLowerCase() === 'keep-alive') this.ex.close = false;
    }
  }

  private endHeaders(): void {
    if (this.requestVersion !== 'HTTP/0.9') this.ex.head += '\r\n';
  }
}

/** urlsplit's path and the `?query` (with its `?`) that a redirect keeps. */
function splitQuery(urlPath: string): [string, string] {
  const noFragment = urlPath.split('#', 1)[0];
  const q = noFragment.indexOf('?');
  return q < 0 ? [noFragment, ''] : [noFragment.slice(0, q), noFragment.slice(q)];
}
