import type { IPv4, Prefix } from '../../net/ipv4.js';
import { parsePrefix, prefixContains } from '../../net/ipv4.js';

/** What a filter expression sees of one socket. */
export interface SockTuple {
  readonly localAddr: IPv4;
  readonly localPort: number;
  readonly remoteAddr: IPv4;
  readonly remotePort: number;
}

/** An address condition (struct aafilter): null fields match anything. */
interface HostCond {
  readonly prefix: Prefix | null;
  readonly port: number | null;
}

/** ssfilter nodes (SSF_*), with `<`, `>` and `!=` folded into not(). */
export type SsFilter =
  | { kind: 'dcond' | 'scond'; cond: HostCond }
  | { kind: 'dge' | 'dle' | 'sge' | 'sle'; port: number }
  | { kind: 'not'; arg: SsFilter }
  | { kind: 'and' | 'or'; left: SsFilter; right: SsFilter };

export type FilterParse =
  { ok: true; filter: SsFilter | null } | { ok: false; stderr: string; usage: boolean; status: number };

/** run_ssfilter. */
export function runFilter(f: SsFilter, s: SockTuple): boolean {
  switch (f.kind) {
    case 'dcond':
      return hostMatch(f.cond, s.remoteAddr, s.remotePort);
    case 'scond':
      return hostMatch(f.cond, s.localAddr, s.localPort);
    case 'dge':
      return s.remotePort >= f.port;
    case 'dle':
      return s.remotePort <= f.port;
    case 'sge':
      return s.localPort >= f.port;
    case 'sle':
      return s.localPort <= f.port;
    case 'not':
      return !runFilter(f.arg, s);
    case 'and':
      return runFilter(f.left, s) && runFilter(f.right, s);
    case 'or':
      return runFilter(f.left, s) || runFilter(f.right, s);
  }
}

function hostMatch(c: HostCond, addr: IPv4, port: number): boolean {
  if (c.port !== null && c.port !== port) return false;
  return c.prefix === null || prefixContains(c.prefix, addr);
}

const OPS: Record<string, 'eq' | 'ne' | 'ge' | 'le' | 'gt' | 'lt'> = {
  '=': 'eq',
  '==': 'eq',
  eq: 'eq',
  '!=': 'ne',
  ne: 'ne',
  '>=': 'ge',
  ge: 'ge',
  '<=': 'le',
  le: 'le',
  '>': 'gt',
  gt: 'gt',
  '<': 'lt',
  lt: 'lt',
};
const AND = new Set(['and', '&', '&&']);
const OR = new Set(['or', '|', '||']);
const NOT = new Set(['not', '!']);

class SyntaxError_ extends Error {}
class HostError extends Error {}

/** Splits argv as ss's lexer does: on blanks, with parentheses as tokens of their own. */
function tokenize(args: readonly string[]): string[] {
  return args.flatMap((a) => a.split(/\s+/).flatMap((w) => w.split(/([()])/))).filter((t) => t !== '');
}

type ServiceLookup = (name: string) => number | null;

/**
 * ssfilter_parse (misc/ssfilter.y): `dst`/`src` HOSTCOND, `dport`/`sport`
 * OP PORT, `not`, `and` (or juxtaposition), `or`, parentheses. Messages
 * and exit statuses are iproute2's.
 */
export function parseFilter(args: readonly string[], service: ServiceLookup): FilterParse {
  const toks = tokenize(args);
  if (toks.length === 0) return { ok: true, filter: null };
  let i = 0;
  const peek = () => toks[i];
  const take = () => toks[i++];

  const hostcond = (word: string | undefined, isPort: boolean): HostCond => {
    if (word === undefined || word in OPS || word === '(' || word === ')') throw new SyntaxError_();
    return parseHostcond(word, isPort, service);
  };
  const primary = (): SsFilter => {
    const t = take();
    if (t === undefined) throw new SyntaxError_();
    if (t === '(') {
      const e = orExpr();
      if (take() !== ')') throw new SyntaxError_();
      return e;
    }
    if (NOT.has(t)) return { kind: 'not', arg: primary() };
    if (t === 'dst' || t === 'src') {
      const kind = t === 'dst' ? 'dcond' : 'scond';
      const op = OPS[peek() ?? ''];
      if (op === 'eq' || op === 'ne') take();
      else if (op) throw new SyntaxError_();
      const node: SsFilter = { kind, cond: hostcond(take(), false) };
      return op === 'ne' ? { kind: 'not', arg: node } : node;
    }
    if (t === 'dport' || t === 'sport') {
      const op = OPS[take() ?? ''];
      if (!op) throw new SyntaxError_();
      const cond = hostcond(take(), true);
      const port = cond.port ?? -1;
      const d = t === 'dport';
      const ge: SsFilter = { kind: d ? 'dge' : 'sge', port };
      const le: SsFilter = { kind: d ? 'dle' : 'sle', port };
      if (op === 'eq') return { kind: d ? 'dcond' : 'scond', cond };
      if (op === 'ne') return { kind: 'not', arg: { kind: d ? 'dcond' : 'scond', cond } };
      if (op === 'ge') return ge;
      if (op === 'le') return le;
      return op === 'gt' ? { kind: 'not', arg: le } : { kind: 'not', arg: ge };
    }
    // Any other word is lexed as a host condition, which no rule accepts alone.
    hostcond(t, false);
    throw new SyntaxError_();
  };
  const andExpr = (): SsFilter => {
    let left = primary();
    for (;;) {
      const t = peek();
      if (t === undefined || t === ')' || OR.has(t)) return left;
      if (AND.has(t)) take();
      left = { kind: 'and', left, right: primary() };
    }
  };
  const orExpr = (): SsFilter => {
    let left = andExpr();
    while (peek() !== undefined && OR.has(peek())) {
      take();
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  try {
    const filter = orExpr();
    if (i < toks.length) throw new SyntaxError_();
    return { ok: true, filter };
  } catch (e) {
    if (e instanceof HostError)
      return { ok: false, stderr: `${e.message}Cannot parse dst/src address.\n`, usage: false, status: 1 };
    if (e instanceof SyntaxError_)
      return {
        ok: false,
        stderr: 'ss: bison bellows (while parsing filter): "syntax error!" Sorry.\n',
        usage: true,
        status: 255,
      };
    throw e;
  }
}

/** parse_hostcond for AF_INET: `ADDR[/LEN][:PORT]`, `:PORT`, `*`; a bare port for dport/sport. */
function parseHostcond(word: string, isPort: boolean, service: ServiceLookup): HostCond {
  let addr: string | null = word;
  let port: string | null = null;
  if (isPort) [addr, port] = [null, word];
  else {
    const colon = word.lastIndexOf(':');
    if (colon >= 0) [addr, port] = [word.slice(0, colon), word.slice(colon + 1)];
  }
  let portNum: number | null = null;
  if (port !== null) {
    if (port.startsWith(':')) port = port.slice(1);
    if (port !== '' && port !== '*') {
      portNum = /^\d+$/.test(port) ? Number(port) : service(port);
      if (portNum === null) throw new HostError(`Error: "${port}" does not look like a port.\n`);
    }
  }
  let prefix: Prefix | null = null;
  if (addr !== null && addr !== '' && addr !== '*') {
    prefix = parsePrefix(addr.includes('/') ? addr : `${addr}/32`);
    if (prefix === null) throw new HostError(`Error: an inet prefix is expected rather than "${addr}".\n`);
  }
  return { prefix, port: portNum };
}
