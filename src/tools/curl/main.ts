import type { Command, OutStream, Proc } from '../process.js';
import { Killed } from '../process.js';
import { formatIPv4 } from '../../net/ipv4.js';
import type { IPv4 } from '../../net/ipv4.js';
import { ERRNO } from '../../kernel/errno.js';
import type { ErrnoName } from '../../kernel/errno.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import { inetAton } from '../ping.js';
import { lookupHost } from '../ping-format.js';
import { settle } from '../nc/udp.js';
import type { CurlOptions } from './args.js';
import { parseCurlArgs } from './args.js';
import { parseUrl } from './url.js';
import type { CurlUrl } from './url.js';
import { buildRequest, requestBody } from './request.js';
import { bodyless, parseResponseHead } from './response.js';
import type { ResponseHead } from './response.js';
import { Trace } from './trace.js';
import { Progress } from './progress.js';
import type { TransferInfo } from './write-out.js';
import { writeOut, writeOutValues } from './write-out.js';

/** A failed transfer: curl's exit code and its error buffer text. */
class CurlError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** Whether the progress meter still gets its last line (not after a failed name lookup). */
    readonly progressEnd = true,
  ) {
    super(message);
  }
}

/** curl 7.88.1 (Debian 12) over HTTP/1.1, one URL after another. */
export const curl: Command = async (proc) => {
  const parsed = parseCurlArgs(proc.argv.slice(1));
  if (!parsed.ok) {
    proc.stderr.write(parsed.stderr);
    return parsed.status;
  }
  let status = 0;
  for (const text of parsed.options.urls) status = await transfer(proc, parsed.options, text);
  return status;
};

const latin1 = new TextDecoder('latin1');
const encodeLatin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

async function transfer(proc: Proc, options: CurlOptions, text: string): Promise<number> {
  const clock = proc.world.clock;
  const start = clock.now;
  const elapsed = () => Math.round(clock.now - start);
  const trace = new Trace(proc.stderr, options.verbose);
  const progress = new Progress(proc.stderr, !options.silent);
  const info: TransferInfo = {
    httpCode: 0,
    httpVersion: '0',
    remoteIp: '',
    remotePort: null,
    localIp: '',
    localPort: null,
    sizeDownload: 0,
    sizeUpload: 0,
    sizeHeader: 0,
    sizeRequest: 0,
    contentType: '',
    numConnects: 0,
    urlEffective: text,
    redirectUrl: '',
    method: 'GET',
    exitCode: 0,
    errorMessage: '',
    timeConnect: 0,
    timeStartTransfer: 0,
    timeTotal: 0,
  };
  const stdout = stdioBuffer(proc.stdout);
  const output = lazyOutput(proc, options.output, stdout);
  const sock = new TcpSocket(proc.netns);
  // tcpkeepalive(): SO_KEEPALIVE with TCP_KEEPIDLE and TCP_KEEPINTVL both set to --keepalive-time.
  if (!options.noKeepalive) {
    sock.keepaliveOptions.idleS = options.keepaliveTime;
    sock.keepaliveOptions.intvlS = options.keepaliveTime;
    sock.setKeepalive(true);
  }
  let signal = 0;
  const unkill = proc.onKill((s) => {
    signal = s;
    sock.close();
  });
  try {
    const parsedUrl = parseUrl(text);
    if (!parsedUrl.ok) throw new CurlError(parsedUrl.code, parsedUrl.message, false);
    const url = parsedUrl.url;
    info.urlEffective = url.effective;
    progress.begin();
    await run(proc, options, url, sock, trace, output, info, start);
    if (signal) return 128 + signal;
    progress.end(info.sizeDownload, info.sizeDownload, info.sizeUpload, elapsed());
  } catch (e) {
    if (e instanceof Killed || signal) return 128 + (e instanceof Killed ? e.signal : signal);
    if (!(e instanceof CurlError)) throw e;
    sock.close();
    info.exitCode = e.code;
    info.errorMessage = e.message;
    if (e.progressEnd) progress.end(info.sizeDownload, null, info.sizeUpload, elapsed());
    if (e.code !== 3 && e.code !== 1) trace.text('Closing connection 0');
    if (!options.silent || options.showError) proc.stderr.write(`curl: (${e.code}) ${e.message}\n`);
  } finally {
    unkill();
  }
  info.timeTotal = (clock.now - start) / 1000;
  if (options.writeOut !== null) {
    // -w @FILE reads the format from a file (a missing one is an empty format).
    const format = options.writeOut.startsWith('@')
      ? (proc.readFile(options.writeOut.slice(1)) ?? '')
      : options.writeOut;
    writeOut(format, writeOutValues(info), stdout, proc.stderr);
  }
  stdout.flush();
  return info.exitCode;
}

/** BUFSIZ of a pipe or file. */
const STDIO_BLOCK = 4096;

/**
 * stdout as curl's stdio has it off a terminal: fully buffered, written
 * in blocks and at exit, so with `2>&1` the -v lines come first.
 */
function stdioBuffer(out: OutStream): OutStream & { flush(): void } {
  let buffer = '';
  return {
    write(text) {
      buffer += text;
      if (buffer.length < STDIO_BLOCK) return;
      const cut = buffer.length - (buffer.length % STDIO_BLOCK);
      out.write(buffer.slice(0, cut));
      buffer = buffer.slice(cut);
    },
    flush() {
      if (buffer) out.write(buffer);
      buffer = '';
    },
  };
}

/** -o FILE opens the file when the first bytes arrive, as curl does; stdout otherwise. */
function lazyOutput(proc: Proc, path: string | null, stdout: OutStream): OutStream {
  if (path === null) return stdout;
  let file: OutStream | null = null;
  return {
    write(text) {
      if (!file) {
        try {
          file = proc.openWrite ? proc.openWrite(path) : { write() {} };
        } catch (e) {
          proc.stderr.write(`Warning: Failed to open the file ${path}: ${(e as Error).message}\n`);
          throw new CurlError(23, 'Failure writing output to destination');
        }
      }
      file.write(text);
    },
  };
}

async function run(
  proc: Proc,
  options: CurlOptions,
  url: CurlUrl,
  sock: TcpSocket,
  trace: Trace,
  output: OutStream,
  info: TransferInfo,
  start: number,
): Promise<void> {
  const clock = proc.world.clock;
  const elapsed = () => Math.round(clock.now - start);
  const deadline = (seconds: number | null) => (seconds === null ? Infinity : start + seconds * 1000);
  const maxEnd = deadline(options.maxTime);
  const connectEnd = Math.min(maxEnd, deadline(options.connectTimeout));
  const addr = inetAton(url.host) ?? lookupHost(url.host);
  if (addr === null || addr === undefined) {
    trace.text(`Could not resolve host: ${url.host}`);
    throw new CurlError(6, `Could not resolve host: ${url.host}`, false);
  }
  const ip = formatIPv4(addr);
  trace.text(`  Trying ${ip}:${url.port}...`);
  const r = await connectWithin(proc, sock, addr, url.port, connectEnd - clock.now);
  if (r === 'timeout') {
    if (connectEnd < maxEnd || options.maxTime === null) {
      trace.text(`ipv4 connect timeout after ${elapsed()}ms, move on!`);
      const msg = `Failed to connect to ${url.host} port ${url.port} after ${elapsed()} ms: Timeout was reached`;
      trace.text(msg);
      throw new CurlError(28, msg);
    }
    throw new CurlError(28, `Connection timed out after ${elapsed()} milliseconds`);
  }
  if (r !== null) {
    // A route lookup failure makes connect() itself fail; anything else arrives later on the socket.
    if (sock.remotePort === 0) trace.text(`Immediate connect fail for ${ip}: ${ERRNO[r].message}`);
    else trace.text(`connect to ${ip} port ${url.port} failed: ${ERRNO[r].message}`);
    if (url.host === 'localhost' && proc.netns.linkByName('lo')?.adminUp) {
      // localhost is also ::1; podpath has no IPv6 sockets, and nothing listens there.
      trace.text(`  Trying [::1]:${url.port}...`);
      trace.text(`connect to ::1 port ${url.port} failed: Connection refused`);
    }
    const msg = `Failed to connect to ${url.host} port ${url.port} after ${elapsed()} ms: Couldn't connect to server`;
    trace.text(msg);
    throw new CurlError(7, msg);
  }
  info.numConnects = 1;
  info.remoteIp = ip;
  info.remotePort = url.port;
  info.localIp = formatIPv4(sock.localAddr);
  info.localPort = sock.localPort;
  info.timeConnect = (clock.now - start) / 1000;
  trace.text(`Connected to ${url.host} (${ip}) port ${url.port} (#0)`);
  const request = buildRequest(
    url,
    options,
    requestBody(options, (p) => proc.readFile(p)),
  );
  info.method = request.method;
  trace.headers('>', request.head);
  const body = new TextEncoder().encode(request.body);
  trace.data('}', body.length);
  const bytes = new Uint8Array([...encodeLatin1(request.head), ...body]);
  sock.send(bytes);
  info.sizeRequest = bytes.length;
  info.sizeUpload = body.length;
  const head = await receive(proc, options, url, sock, trace, output, info, request.method, maxEnd, elapsed);
  trace.text(head.close ? 'Closing connection 0' : `Connection #0 to host ${url.host} left intact`);
  sock.close();
  await settle(proc);
}

/** connect() bounded by curl's timer, armed before the SYN leaves so it fires ahead of the retransmission due at the same instant. */
async function connectWithin(
  proc: Proc,
  sock: TcpSocket,
  addr: IPv4,
  port: number,
  timeoutMs: number,
): Promise<ErrnoName | 'timeout' | null> {
  if (timeoutMs === Infinity) return sock.connect(addr, port);
  let timedOut = false;
  const timer = proc.world.clock.schedule(timeoutMs, () => {
    timedOut = true;
    sock.close();
  });
  const r = await sock.connect(addr, port);
  timer.cancel();
  return timedOut ? 'timeout' : r;
}

/** Reads the response: headers (traced, -i/-I output, -f), then the body to the output. */
async function receive(
  proc: Proc,
  options: CurlOptions,
  url: CurlUrl,
  sock: TcpSocket,
  trace: Trace,
  output: OutStream,
  info: TransferInfo,
  method: string,
  maxEnd: number,
  elapsed: () => number,
): Promise<ResponseHead> {
  const clock = proc.world.clock;
  let pending = '';
  let head: ResponseHead | null = null;
  let received = 0;
  const timedOut = () => {
    const of = head?.contentLength;
    const what = of !== null && of !== undefined ? `${received} out of ${of}` : `${received}`;
    return new CurlError(
      28,
      `Operation timed out after ${elapsed()} milliseconds with ${what} bytes received`,
    );
  };
  for (;;) {
    if (
      head &&
      (bodyless(method, head.code, options.head) ||
        (head.contentLength !== null && received >= head.contentLength))
    )
      return head;
    const data = await sock.recv(maxEnd - clock.now);
    if (data === null) {
      if (clock.now >= maxEnd) throw timedOut();
      throw new CurlError(56, `Recv failure: ${ERRNO.ECONNRESET.message}`);
    }
    if (data === 'eof') {
      if (!head && pending === '') throw new CurlError(52, 'Empty reply from server');
      if (!head) throw new CurlError(8, 'Weird server reply');
      if (head.contentLength !== null)
        throw new CurlError(
          18,
          `transfer closed with ${head.contentLength - received} bytes remaining to read`,
        );
      return head;
    }
    if (typeof data === 'string') throw new CurlError(56, `Recv failure: ${ERRNO[data].message}`);
    if (info.timeStartTransfer === 0) info.timeStartTransfer = elapsed() / 1000;
    let chunk = latin1.decode(data);
    if (!head) {
      pending += chunk;
      const p = parseResponseHead(pending);
      if (p.kind === 'bad') throw new CurlError(1, 'Received HTTP/0.9 when not allowed');
      if (p.kind === 'incomplete') continue;
      head = p.head;
      onHead(options, trace, output, info, head);
      chunk = pending.slice(p.rest);
      pending = '';
    }
    if (chunk.length === 0 || bodyless(method, head.code, options.head)) continue;
    const room = head.contentLength === null ? chunk.length : head.contentLength - received;
    chunk = chunk.slice(0, room);
    received += chunk.length;
    info.sizeDownload = received;
    trace.data('{', chunk.length);
    output.write(new TextDecoder().decode(encodeLatin1(chunk)));
  }
}

function onHead(
  options: CurlOptions,
  trace: Trace,
  output: OutStream,
  info: TransferInfo,
  head: ResponseHead,
): void {
  if (head.version < 11) trace.text('HTTP 1.0, assume close after body');
  // -f stops at the last header: the blank line that ends them is not traced then.
  const blank = head.raw.length - (head.raw.endsWith('\n\r\n') ? 2 : 1);
  trace.headers('<', head.raw.slice(0, blank));
  info.httpCode = head.code;
  info.httpVersion = head.version === 10 ? '1' : head.version === 11 ? '1.1' : String(head.version / 10);
  info.sizeHeader = head.raw.length;
  info.contentType = head.headers.get('content-type') ?? '';
  const location = head.headers.get('location');
  if (location !== undefined && head.code >= 300 && head.code < 400)
    info.redirectUrl = resolveLocation(info.urlEffective, location);
  if (options.fail && head.code >= 400) {
    trace.text(`The requested URL returned error: ${head.code}`);
    throw new CurlError(22, `The requested URL returned error: ${head.code}`);
  }
  trace.headers('<', head.raw.slice(blank));
  if (options.include || options.head) output.write(head.raw);
}

/** A Location header against the URL it came with: absolute, host-relative or path-relative. */
export function resolveLocation(base: string, location: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return location;
  const origin = /^[a-z]+:\/\/[^/]*/i.exec(base)?.[0] ?? '';
  if (location.startsWith('/')) return origin + location;
  const path = base.slice(origin.length);
  return origin + path.slice(0, path.lastIndexOf('/') + 1) + location;
}
