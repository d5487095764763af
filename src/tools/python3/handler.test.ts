import { describe, expect, it } from 'vitest';
import { Handler } from './handler.js';
import type { FileView } from './handler.js';
import { parseHttpServerArgs } from './args.js';

const FILES: Record<string, string> = {
  '/srv/a.txt': 'hi\n',
  '/srv/sub/index.html': '<p>x</p>\n',
  '/srv/Q x&.txt': '',
};
const DIRS: Record<string, { name: string; directory: boolean }[]> = {
  '/srv': [
    { name: 'sub', directory: true },
    { name: 'a.txt', directory: false },
    { name: 'Q x&.txt', directory: false },
  ],
  '/srv/sub': [{ name: 'index.html', directory: false }],
};
const files: FileView = { read: (p) => FILES[p] ?? null, list: (p) => DIRS[p.replace(/\/$/, '')] ?? null };

const handle = (request: string, protocol = 'HTTP/1.0') =>
  new Handler({
    files,
    directory: '/srv',
    protocol,
    server: 'SimpleHTTP/0.6 Python/3.11.2',
    date: 'D',
  }).handle(request);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('SimpleHTTPRequestHandler', () => {
  it('serves a file with its type, length and dates', () => {
    const ex = handle('GET /a.txt HTTP/1.1\r\nHost: x');
    expect(ex.head).toBe(
      'HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.11.2\r\nDate: D\r\nContent-type: text/plain\r\nContent-Length: 3\r\nLast-Modified: D\r\n\r\n',
    );
    expect(text(ex.body)).toBe('hi\n');
    expect(ex.logs).toEqual(['"GET /a.txt HTTP/1.1" 200 -']);
    expect(ex.close).toBe(true);
  });

  it('lists a directory sorted case-insensitively, names quoted and escaped', () => {
    const body = text(handle('GET / HTTP/1.1').body);
    expect(body).toContain(
      '<li><a href="a.txt">a.txt</a></li>\n<li><a href="Q%20x%26.txt">Q x&amp;.txt</a></li>\n<li><a href="sub/">sub/</a></li>',
    );
    expect(
      body.startsWith(
        '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>',
      ),
    ).toBe(true);
  });

  it('redirects a directory without its slash and serves its index.html', () => {
    expect(handle('GET /sub?q=1 HTTP/1.1').head).toContain('HTTP/1.0 301 Moved Permanently\r\n');
    expect(handle('GET /sub?q=1 HTTP/1.1').head).toContain('Location: /sub/?q=1\r\n');
    expect(text(handle('GET /sub/ HTTP/1.1').body)).toBe('<p>x</p>\n');
  });

  it('logs the error before the request line for 404 and 501', () => {
    const nf = handle('GET /nope HTTP/1.1');
    expect(nf.logs).toEqual(['code 404, message File not found', '"GET /nope HTTP/1.1" 404 -']);
    expect(nf.head).toContain(
      'Connection: close\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: 335\r\n',
    );
    const post = handle('POST / HTTP/1.1');
    expect(post.logs[0]).toBe("code 501, message Unsupported method ('POST')");
    expect(text(post.body)).toContain(
      '<p>Error code explanation: 501 - Server does not support this operation.</p>',
    );
  });

  it('HEAD sends the headers only; HTTP/1.1 keeps the connection with -p HTTP/1.1', () => {
    expect(handle('HEAD /a.txt HTTP/1.1').body.length).toBe(0);
    expect(handle('GET /a.txt HTTP/1.1', 'HTTP/1.1').close).toBe(false);
  });
});

describe('http.server arguments', () => {
  it.each([
    [['abc'], "server.py: error: argument port: invalid int value: 'abc'"],
    [['--bogus'], 'server.py: error: unrecognized arguments: --bogus'],
    [['80', '81'], 'server.py: error: unrecognized arguments: 81'],
  ])('%j fails as argparse does', (argv, message) => {
    const r = parseHttpServerArgs(argv);
    expect(r).toMatchObject({ ok: false, status: 2 });
    if (!r.ok)
      expect(r.stderr).toBe(
        `usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\n${message}\n`,
      );
  });

  it('takes the port, --bind and --directory in any order', () => {
    expect(parseHttpServerArgs(['--directory', 'www', '8080', '-b', '10.0.0.2'])).toEqual({
      ok: true,
      options: { port: 8080, bind: '10.0.0.2', directory: 'www', protocol: 'HTTP/1.0' },
    });
  });
});
