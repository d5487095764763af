/**
 * `conntrack -L`: one entry per line, `PROTO NUM TIMEOUT [STATE]`, the
 * original tuple's `key=value` fields, the reply tuple's, `[FLAGS]` and
 * `mark=`/`zone=`. Each becomes a ctnetlink create request.
 */
import { parseIPv4 } from '../../net/ipv4.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Tuple } from '../../kernel/netfilter/conntrack/tuple.js';
import { IPS } from '../../kernel/netfilter/conntrack/conn.js';
import type { CtCreate } from '../../kernel/netfilter/conntrack/api.js';
import { TCP_STATES } from '../../kernel/netfilter/conntrack/proto-tcp.js';
import type { TcpState } from '../../kernel/netfilter/conntrack/proto-tcp.js';
import { DumpError } from './error.js';
import { DUMP_FILES, numberedLines } from './files.js';

const FILE = DUMP_FILES.conntrack;

export interface NodeConn {
  readonly line: number;
  readonly create: CtCreate;
}

/** The summary conntrack prints on stderr, should the dump have caught it. */
const SUMMARY = /^conntrack v\S+ \(conntrack-tools\): /;

type Fields = Map<string, string>;

export function parseConntrack(text: string): NodeConn[] {
  const out: NodeConn[] = [];
  for (const { line, text: t } of numberedLines(text)) {
    if (SUMMARY.test(t)) continue;
    let words = t.trim().split(/\s+/);
    // `-o extended` starts with the layer-3 protocol.
    if (words[0] === 'ipv6') continue;
    if (words[0] === 'ipv4') words = words.slice(2);
    out.push({ line, create: entry(words, line) });
  }
  return out;
}

function entry(words: readonly string[], line: number): CtCreate {
  const bad = (why: string) => new DumpError(FILE, line, why);
  const proto = Number(words[1]);
  const timeout = Number(words[2]);
  if (!Number.isInteger(proto) || proto < 0 || proto > 255)
    throw bad(`bad protocol number "${words[1] ?? ''}"`);
  if (!Number.isInteger(timeout) || timeout < 0) throw bad(`bad timeout "${words[2] ?? ''}"`);
  const tuples: Fields[] = [];
  const flags = new Set<string>();
  const extra: Fields = new Map();
  let state: string | undefined;
  for (const w of words.slice(3)) {
    if (/^\[[A-Z_]+\]$/.test(w)) flags.add(w.slice(1, -1));
    else if (!w.includes('=')) {
      if (state !== undefined || tuples.length > 0) throw bad(`unexpected "${w}"`);
      state = w;
    } else {
      const [key, value] = [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)];
      // A second src= starts the reply tuple.
      if (key === 'src') tuples.push(new Map());
      const cur = tuples[tuples.length - 1];
      if (TUPLE_KEYS.has(key) && tuples.length <= 2 && cur && !cur.has(key)) cur.set(key, value);
      else extra.set(key, value);
    }
  }
  if (tuples.length !== 2) throw bad('expected an original and a reply tuple (src=... dst=... twice)');
  const orig = tupleOf(tuples[0], proto, bad);
  const reply = tupleOf(tuples[1], proto, bad);
  const tcpState = proto === 6 ? tcpStateOf(state, bad) : undefined;
  const mark = extra.has('mark') ? Number(extra.get('mark')) : undefined;
  const zone = extra.has('zone') ? Number(extra.get('zone')) : undefined;
  return {
    orig,
    reply,
    timeout,
    status: (flags.has('ASSURED') ? IPS.ASSURED : 0) | (flags.has('UNREPLIED') ? 0 : IPS.SEEN_REPLY),
    ...(mark === undefined || !Number.isInteger(mark) ? {} : { mark }),
    ...(tcpState === undefined ? {} : { tcpState }),
    ...(zone === undefined || !Number.isInteger(zone) ? {} : { zone }),
  };
}

const TUPLE_KEYS = new Set(['src', 'dst', 'sport', 'dport', 'type', 'code', 'id']);

function tupleOf(f: Fields, proto: number, bad: (why: string) => DumpError): Tuple {
  const addr = (key: string): IPv4 => {
    const a = parseIPv4(f.get(key) ?? '');
    if (a === null) throw bad(`bad or missing ${key}= "${f.get(key) ?? ''}"`);
    return a;
  };
  const num = (key: string, max: number): number => {
    const n = Number(f.get(key) ?? '0');
    if (!Number.isInteger(n) || n < 0 || n > max) throw bad(`bad ${key}= "${f.get(key)}"`);
    return n;
  };
  // ICMP: the id is the tuple's source part, type and code its destination part (see Tuple).
  if (proto === 1)
    return {
      src: addr('src'),
      dst: addr('dst'),
      proto,
      sport: num('id', 0xffff),
      dport: (num('type', 255) << 8) | num('code', 255),
    };
  return {
    src: addr('src'),
    dst: addr('dst'),
    proto,
    sport: num('sport', 0xffff),
    dport: num('dport', 0xffff),
  };
}

function tcpStateOf(state: string | undefined, bad: (why: string) => DumpError): TcpState {
  const s = (TCP_STATES as readonly string[]).find((x) => x === state);
  if (s === undefined) throw bad(`bad or missing TCP state "${state ?? ''}"`);
  return s as TcpState;
}

/** The NAT a dumped entry went through, read off its tuples: what ctnetlink's CTA_NAT_* would have set. */
export function natStatus(c: CtCreate): number {
  const r = c.reply!;
  // ICMP has no ports: the id (the source part on both sides) is what NAT may change.
  const icmp = c.orig.proto === 1;
  let bits = 0;
  if (r.src !== c.orig.dst || (!icmp && r.sport !== c.orig.dport)) bits |= IPS.DST_NAT | IPS.DST_NAT_DONE;
  if (r.dst !== c.orig.src || (icmp ? r.sport !== c.orig.sport : r.dport !== c.orig.sport))
    bits |= IPS.SRC_NAT | IPS.SRC_NAT_DONE;
  return bits;
}
