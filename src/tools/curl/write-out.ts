import type { OutStream } from '../process.js';

/** What a transfer leaves for -w: each value already formatted as curl prints it. */
export type WriteOutValues = Readonly<Record<string, string>>;

/** The numbers behind -w's variables. */
export interface TransferInfo {
  httpCode: number;
  httpVersion: string;
  remoteIp: string;
  remotePort: number | null;
  localIp: string;
  localPort: number | null;
  sizeDownload: number;
  sizeUpload: number;
  sizeHeader: number;
  sizeRequest: number;
  contentType: string;
  numConnects: number;
  urlEffective: string;
  /** Where a 3xx response's Location points (resolved), which curl would follow with -L. */
  redirectUrl: string;
  method: string;
  exitCode: number;
  errorMessage: string;
  /** Virtual seconds from the start to: connect done, first byte, end. */
  timeConnect: number;
  timeStartTransfer: number;
  timeTotal: number;
}

const secs = (s: number) => s.toFixed(6);

/** tool_writeout.c's variables, as strings. */
export function writeOutValues(t: TransferInfo): WriteOutValues {
  const port = (p: number | null) => (p === null ? '0' : String(p));
  return {
    http_code: String(t.httpCode).padStart(3, '0'),
    response_code: String(t.httpCode).padStart(3, '0'),
    http_version: t.httpVersion,
    remote_ip: t.remoteIp,
    remote_port: port(t.remotePort),
    local_ip: t.localIp,
    local_port: port(t.localPort),
    size_download: String(t.sizeDownload),
    size_upload: String(t.sizeUpload),
    size_header: String(t.sizeHeader),
    size_request: String(t.sizeRequest),
    content_type: t.contentType,
    num_connects: String(t.numConnects),
    num_redirects: '0',
    redirect_url: t.redirectUrl,
    url_effective: t.urlEffective,
    url: t.urlEffective,
    method: t.method,
    scheme: 'HTTP',
    exitcode: String(t.exitCode),
    errormsg: t.errorMessage,
    time_namelookup: secs(0),
    time_connect: secs(t.timeConnect),
    time_appconnect: secs(0),
    time_pretransfer: secs(t.timeConnect),
    time_redirect: secs(0),
    time_starttransfer: secs(t.timeStartTransfer),
    time_total: secs(t.timeTotal),
    speed_download: String(t.timeTotal > 0 ? Math.floor(t.sizeDownload / t.timeTotal) : 0),
    speed_upload: String(t.timeTotal > 0 ? Math.floor(t.sizeUpload / t.timeTotal) : 0),
  };
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };

/** Expands a -w format: `%{var}`, `%{stdout}`/`%{stderr}` switches, `%%`, `\n` `\r` `\t`. */
export function writeOut(format: string, values: WriteOutValues, out: OutStream, err: OutStream): void {
  let stream = out;
  let text = '';
  const flush = () => {
    if (text) stream.write(text);
    text = '';
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '%' && format[i + 1] === '%') {
      text += '%';
      i++;
    } else if (c === '%' && format[i + 1] === '{' && format.indexOf('}', i) > 0) {
      const close = format.indexOf('}', i);
      const name = format.slice(i + 2, close);
      i = close;
      if (name === 'stdout' || name === 'stderr') {
        flush();
        stream = name === 'stdout' ? out : err;
      } else if (name in values) text += values[name];
      else {
        flush();
        err.write(`curl: unknown --write-out variable: '${name}'\n`);
      }
    } else if (c === '\\' && ESCAPES[format[i + 1]]) text += ESCAPES[format[++i]];
    else text += c;
  }
  flush();
}
