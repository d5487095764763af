/**
 * Normalization of script output before real Linux and podpath are compared.
 *
 * Only values that differ between two runs of the same script on the same
 * real kernel are rewritten: wall-clock durations, timestamps and randomly
 * generated MAC addresses (and the IPv6 link-local addresses the kernel
 * derives from them). Everything else (ifindexes, counters, neighbour states,
 * ordering, whitespace) must match as printed. Every rule is listed in
 * test/conformance/README.md; keep the two in step.
 */

/** One rewrite; `apply` sees a whole stream (stdout or stderr) at once. */
export interface Rule {
  readonly name: string;
  readonly example: { readonly before: string; readonly after: string };
  apply(text: string): string;
}

function replaceRule(
  name: string,
  pattern: RegExp,
  replacement: string,
  before: string,
  after: string,
): Rule {
  return { name, example: { before, after }, apply: (text) => text.replace(pattern, replacement) };
}

/**
 * Rewrites each distinct match to `<PREFIXn>`, numbered in order of first
 * appearance, so the structure (which lines name the same device) is still
 * compared while the random value is not.
 */
function numberingRule(
  name: string,
  pattern: RegExp,
  prefix: string,
  keep: ReadonlySet<string>,
  before: string,
  after: string,
): Rule {
  return {
    name,
    example: { before, after },
    apply(text) {
      const seen = new Map<string, string>();
      return text.replace(pattern, (match) => {
        const key = match.toLowerCase();
        if (keep.has(key)) return match;
        let placeholder = seen.get(key);
        if (placeholder === undefined) {
          placeholder = `<${prefix}${seen.size + 1}>`;
          seen.set(key, placeholder);
        }
        return placeholder;
      });
    },
  };
}

const HEX = '[0-9a-fA-F]';

export const RULES: readonly Rule[] = [
  replaceRule(
    'ping reply round-trip time',
    /\btime=\d+(?:\.\d+)? ms\b/g,
    'time=<rtt> ms',
    '64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.052 ms',
    '64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=<rtt> ms',
  ),
  replaceRule(
    'ping statistics total time',
    /(packet loss), time \d+ms$/gm,
    '$1, time <total>ms',
    '2 packets transmitted, 2 received, 0% packet loss, time 1001ms',
    '2 packets transmitted, 2 received, 0% packet loss, time <total>ms',
  ),
  replaceRule(
    'ping rtt summary',
    /^rtt min\/avg\/max\/mdev = [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms/gm,
    'rtt min/avg/max/mdev = <min>/<avg>/<max>/<mdev> ms',
    'rtt min/avg/max/mdev = 0.035/0.129/0.224/0.094 ms',
    'rtt min/avg/max/mdev = <min>/<avg>/<max>/<mdev> ms',
  ),
  // `pipe N` counts echoes outstanding at once: it appears when a reply takes
  // longer than the interval, which on a loaded machine depends on RTTs.
  replaceRule(
    'ping outstanding-echo count',
    /^(rtt min\/avg\/max\/mdev = .* ms), pipe \d+$/gm,
    '$1',
    'rtt min/avg/max/mdev = <min>/<avg>/<max>/<mdev> ms, pipe 2',
    'rtt min/avg/max/mdev = <min>/<avg>/<max>/<mdev> ms',
  ),
  replaceRule(
    'ping ipg/ewma summary',
    /, ipg\/ewma [\d.]+\/[\d.]+ ms$/gm,
    ', ipg/ewma <ipg>/<ewma> ms',
    'rtt min/avg/max/mdev = <min>/<avg>/<max>/<mdev> ms, ipg/ewma 0.210/0.101 ms',
    'rtt min/avg/max/mdev = <min>/<avg>/<max>/<mdev> ms, ipg/ewma <ipg>/<ewma> ms',
  ),
  replaceRule(
    'ping -D timestamp',
    /^\[\d+\.\d+\] /gm,
    '[<timestamp>] ',
    '[1700000000.123456] 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=<rtt> ms',
    '[<timestamp>] 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=<rtt> ms',
  ),
  // traceroute prints each probe's round trip as `  %.3f ms` (two spaces before).
  replaceRule(
    'traceroute probe round-trip time',
    /(?<=\S) {2}\d+\.\d{3} ms(?= |$)/gm,
    '  <rtt> ms',
    ' 1  10.0.1.1  0.060 ms  0.004 ms !X',
    ' 1  10.0.1.1  <rtt> ms  <rtt> ms !X',
  ),
  replaceRule(
    'tcpdump timestamp',
    /^\d\d:\d\d:\d\d\.\d{6} /gm,
    '<time> ',
    '12:34:56.789012 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 64',
    '<time> IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 64',
  ),
  // curl reports how long a failed connect or transfer took.
  replaceRule(
    'curl elapsed time in an error',
    /\bafter \d+ (ms|milliseconds)\b/g,
    'after <ms> $1',
    "curl: (7) Failed to connect to 10.0.0.2 port 8080 after 0 ms: Couldn't connect to server",
    "curl: (7) Failed to connect to 10.0.0.2 port 8080 after <ms> ms: Couldn't connect to server",
  ),
  // Date and Last-Modified headers (Python's email.utils.formatdate, usegmt).
  replaceRule(
    'HTTP date',
    /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT\b/g,
    '<http-date>',
    'Date: Mon, 23 Nov 2026 20:17:11 GMT',
    'Date: <http-date>',
  ),
  replaceRule(
    'python http.server log date',
    / - - \[\d\d\/[A-Z][a-z]{2}\/\d{4} \d\d:\d\d:\d\d\] /g,
    ' - - [<log-date>] ',
    '10.0.0.1 - - [23/Nov/2026 20:17:11] "GET / HTTP/1.1" 200 -',
    '10.0.0.1 - - [<log-date>] "GET / HTTP/1.1" 200 -',
  ),
  // The real side runs whichever python3 is on PATH (Debian's 3.11.2 in CI, another elsewhere).
  replaceRule(
    'python version in the http.server Server header',
    /\bSimpleHTTP\/0\.6 Python\/\d+\.\d+\.\d+/g,
    'SimpleHTTP/0.6 Python/<version>',
    'Server: SimpleHTTP/0.6 Python/3.11.7',
    'Server: SimpleHTTP/0.6 Python/<version>',
  ),
  // dig: the query id is random, the round trip and the wall clock vary.
  replaceRule(
    'dig message id',
    /^(;; ->>HEADER<<- opcode: \w+, status: \w+), id: \d+$/gm,
    '$1, id: <id>',
    ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 48087',
    ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: <id>',
  ),
  replaceRule(
    'dig query time',
    /^;; Query time: \d+ msec$/gm,
    ';; Query time: <n> msec',
    ';; Query time: 23 msec',
    ';; Query time: <n> msec',
  ),
  replaceRule(
    'dig date',
    /^;; WHEN: .+$/gm,
    ';; WHEN: <date>',
    ';; WHEN: Mon Nov 23 20:16:44 UTC 2026',
    ';; WHEN: <date>',
  ),
  numberingRule(
    'MAC address',
    new RegExp(`(?<![0-9a-fA-F:])${HEX}{2}(?::${HEX}{2}){5}(?!:?${HEX})`, 'g'),
    'mac',
    new Set(['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff']),
    'link/ether 6a:1f:03:9c:22:b1 brd ff:ff:ff:ff:ff:ff',
    'link/ether <mac1> brd ff:ff:ff:ff:ff:ff',
  ),
  // Only EUI-64 interface identifiers (xx:xxff:fexx:xxxx) are random; fe80::/64 and fe80::1 stay.
  numberingRule(
    'IPv6 link-local address derived from a MAC',
    /\bfe80::(?:[0-9a-f]{1,4}:)?[0-9a-f]{0,2}ff:fe[0-9a-f]{2}:[0-9a-f]{1,4}(?![0-9a-f:])/g,
    'll',
    new Set(),
    'inet6 fe80::681f:3ff:fe9c:22b1/64 scope link',
    'inet6 <ll1>/64 scope link',
  ),
];

/** Applies every rule, in order, to one output stream. */
export function normalize(text: string): string {
  return RULES.reduce((current, rule) => rule.apply(current), text);
}
