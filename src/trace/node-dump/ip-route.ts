/**
 * `ip route show table all`: one route per line (a multipath route goes
 * on over indented `nexthop` lines). Each becomes the `ip route replace`
 * arguments that recreate it: the printed form is what `ip route add`
 * takes, less the flags ip only reports (linkdown, dead, offload...).
 * IPv6 routes are skipped: podpath does not model IPv6.
 */
import { parseIPv4, parsePrefix } from '../../net/ipv4.js';
import { ROUTE_TYPE_NAMES } from '../../tools/ip/route-names.js';
import { DumpError } from './error.js';
import { DUMP_FILES, numberedLines } from './files.js';

const FILE = DUMP_FILES.route;

export interface NodeRoute {
  readonly line: number;
  /** For `ip route replace`. */
  readonly argv: readonly string[];
  /** Made by the kernel for an address (proto kernel): already there once the addresses are. */
  readonly kernel: boolean;
}

/** What ip prints about a route's state, not part of what it is. */
const REPORTED_FLAGS = new Set([
  'linkdown',
  'dead',
  'offload',
  'trap',
  'rt_offload',
  'rt_trap',
  'rt_offload_failed',
  'pervasive',
  'notify',
]);
/** Reported values: an IPv6 preference, a cached route's expiry. */
const REPORTED_VALUES = new Set(['pref', 'expires', 'error']);
/** Keys whose value is the next word (so a value is never taken for a flag). */
const VALUED = new Set([
  'via',
  'dev',
  'table',
  'proto',
  'scope',
  'src',
  'metric',
  'mtu',
  'advmss',
  'realms',
  'tos',
  'dsfield',
  'nhid',
  'weight',
  'initcwnd',
  'initrwnd',
  'congctl',
  'rtt',
  'rttvar',
  'window',
  'ssthresh',
  'hoplimit',
  'features',
  'quickack',
  'rto_min',
  'fastopen_no_cookie',
]);

/** A route line's words; the destination is the first, or the second after a type. */
export function routeWords(text: string): string[] {
  return text.trim().split(/\s+/);
}

/** The printed words less what ip only reports: the form two dumps of one route share. */
export function routeArgv(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (REPORTED_FLAGS.has(w)) continue;
    if (REPORTED_VALUES.has(w)) {
      i++;
      continue;
    }
    out.push(w);
    if (VALUED.has(w) && i + 1 < words.length) {
      // `via inet 10.0.0.1`: the family word is printed when it differs from the route's; keep both.
      if (w === 'via' && words[i + 1] === 'inet') out.push(words[++i]);
      if (w === 'mtu' && words[i + 1] === 'lock') out.push(words[++i]);
      out.push(words[++i]);
    }
  }
  return out;
}

/** Joins each route's indented nexthop lines to it. */
function routeLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  for (const l of numberedLines(text)) {
    if (/^\s/.test(l.text)) {
      const prev = out[out.length - 1];
      if (!prev) throw new DumpError(FILE, l.line, 'indented line before any route');
      prev.text += ` ${l.text.trim()}`;
    } else out.push({ ...l });
  }
  return out;
}

export function parseIpRoute(text: string): NodeRoute[] {
  const routes: NodeRoute[] = [];
  for (const { line, text: t } of routeLines(text)) {
    const words = routeWords(t);
    const dst = ROUTE_TYPE_NAMES.has(words[0]) ? words[1] : words[0];
    if (dst === undefined) throw new DumpError(FILE, line, `no destination after "${words[0]}"`);
    if (dst.includes(':')) continue;
    if (dst !== 'default' && parsePrefix(dst) === null && parseIPv4(dst) === null)
      throw new DumpError(FILE, line, `bad destination "${dst}"`);
    const argv = routeArgv(words);
    for (let i = 0; i < argv.length; i++) {
      if (VALUED.has(argv[i]) && i === argv.length - 1)
        throw new DumpError(FILE, line, `"${argv[i]}" needs a value`);
      if (argv[i] === 'via' && argv[i + 1] !== 'inet' && parseIPv4(argv[i + 1]) === null)
        throw new DumpError(FILE, line, `bad gateway "${argv[i + 1]}"`);
    }
    const proto = argv.indexOf('proto');
    routes.push({ line, argv, kernel: proto >= 0 && argv[proto + 1] === 'kernel' });
  }
  return routes;
}
