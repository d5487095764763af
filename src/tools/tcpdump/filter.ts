import { parseIPv4, maskOf } from '../../net/ipv4.js';
import { parseMac } from '../../net/mac.js';

/**
 * A subset of pcap-filter(7): protocols (ip, arp, icmp, tcp, udp, ether),
 * host/net/port primitives with src/dst qualifiers, `and`/`or`/`not`
 * (and `&&`, `||`, `!`), parentheses, and libpcap's shorthand that lets a
 * bare address or number reuse the previous primitive's qualifiers
 * (`host 10.0.0.1 or 10.0.0.2`, `port 80 or 443`).
 */
export type Dir = 'src' | 'dst' | 'src or dst' | 'src and dst';
export type ProtoQual = 'ether' | 'ip' | 'arp' | 'tcp' | 'udp' | 'icmp';

export type Filter =
  | { readonly kind: 'and' | 'or'; readonly left: Filter; readonly right: Filter }
  | { readonly kind: 'not'; readonly operand: Filter }
  | { readonly kind: 'proto'; readonly proto: ProtoQual | 'ip6' | 'icmp6' }
  | { readonly kind: 'host'; readonly proto: ProtoQual | null; readonly dir: Dir; readonly addr: number }
  | {
      readonly kind: 'net';
      readonly proto: ProtoQual | null;
      readonly dir: Dir;
      readonly addr: number;
      readonly mask: number;
    }
  | { readonly kind: 'port'; readonly proto: 'tcp' | 'udp' | null; readonly dir: Dir; readonly port: number }
  | { readonly kind: 'ether'; readonly dir: Dir; readonly mac: string };

export type FilterParse = { ok: true; filter: Filter | null } | { ok: false; error: string };

/** What libpcap says when it cannot compile (tcpdump prefixes `tcpdump: `). */
export class FilterError extends Error {}

const SYNTAX = "can't parse filter expression: syntax error";
const PROTOS = new Set(['ether', 'ip', 'arp', 'tcp', 'udp', 'icmp', 'ip6', 'icmp6']);
const DIRS = new Set(['src', 'dst']);
const TYPES = new Set(['host', 'net', 'port']);

export function tokenize(text: string): string[] {
  return text.match(/&&|\|\||[()!]|[^\s()!&|]+/g) ?? [];
}

interface Quals {
  proto: ProtoQual | null;
  dir: Dir | null;
  type: 'host' | 'net' | 'port' | null;
}

class Parser {
  private i = 0;
  /** The qualifiers of the last primitive, for libpcap's bare-id shorthand. */
  private last: Quals | null = null;

  constructor(
    private readonly toks: string[],
    private readonly ports: (name: string) => number | null,
  ) {}

  parse(): Filter | null {
    if (this.toks.length === 0) return null;
    const f = this.or();
    if (this.i < this.toks.length) throw new FilterError(SYNTAX);
    return f;
  }

  private peek = () => this.toks[this.i]?.toLowerCase();
  private next = () => this.toks[this.i++];

  private or(): Filter {
    let left = this.and();
    while (this.peek() === 'or' || this.peek() === '||') {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.peek() === 'and' || this.peek() === '&&') {
      this.i++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Filter {
    const t = this.peek();
    if (t === undefined) throw new FilterError(SYNTAX);
    if (t === 'not' || t === '!') {
      this.i++;
      return { kind: 'not', operand: this.unary() };
    }
    if (t === '(') {
      this.i++;
      const f = this.or();
      if (this.next() !== ')') throw new FilterError(SYNTAX);
      return f;
    }
    return this.primitive();
  }

  private primitive(): Filter {
    const q: Quals = { proto: null, dir: null, type: null };
    let any = false;
    if (PROTOS.has(this.peek() ?? '')) {
      q.proto = this.next().toLowerCase() as ProtoQual;
      any = true;
    }
    if (DIRS.has(this.peek() ?? '')) {
      q.dir = this.next().toLowerCase() as Dir;
      any = true;
      const conj = this.peek();
      if ((conj === 'or' || conj === 'and') && DIRS.has(this.toks[this.i + 1]?.toLowerCase() ?? '')) {
        this.i += 2;
        q.dir = `src ${conj} dst` as Dir;
      }
    }
    if (TYPES.has(this.peek() ?? '')) {
      q.type = this.next().toLowerCase() as Quals['type'];
      any = true;
    }
    const id = this.peek();
    const isId = id !== undefined && !['and', 'or', 'not', '&&', '||', '!', '(', ')'].includes(id);
    if (!any) {
      // A bare id reuses the previous primitive's qualifiers.
      if (!isId || this.last === null) throw new FilterError(SYNTAX);
      return this.build(this.last, this.next());
    }
    if (!isId) {
      if (q.type !== null || q.dir !== null || q.proto === null) throw new FilterError(SYNTAX);
      return { kind: 'proto', proto: q.proto };
    }
    if (q.type === null && q.dir === null && q.proto !== 'ether') throw new FilterError(SYNTAX);
    this.last = q;
    return this.build(q, this.next());
  }

  private build(q: Quals, id: string): Filter {
    const dir: Dir = q.dir ?? 'src or dst';
    if (q.proto === 'ether') {
      const mac = parseMac(id);
      if (!mac) throw new FilterError(`bogus ethernet address ${id}`);
      return { kind: 'ether', dir, mac };
    }
    const type = q.type ?? 'host';
    if (type === 'port') {
      if (q.proto !== null && q.proto !== 'tcp' && q.proto !== 'udp')
        throw new FilterError("illegal qualifier of 'port'");
      return { kind: 'port', proto: q.proto, dir, port: this.port(id) };
    }
    if (type === 'net') return { kind: 'net', proto: q.proto, dir, ...parseNet(id) };
    const addr = parseIPv4(id);
    if (addr === null) {
      if (/^[\d.]+$/.test(id)) throw new FilterError(`invalid IPv4 address '${id}'`);
      throw new FilterError(`unknown host '${id}'`);
    }
    return { kind: 'host', proto: q.proto, dir, addr };
  }

  private port(id: string): number {
    if (/^\d+$/.test(id)) {
      const n = Number(id);
      if (n > 65535) throw new FilterError(`illegal port number ${n} > 65535`);
      return n;
    }
    const named = this.ports(id);
    if (named === null) throw new FilterError(`unknown port '${id}'`);
    return named;
  }
}

/** `10`, `10.1`, `10.1.2` (classful widths), `10.1.2.0/24`, `10.1.2.0 mask 255.255.255.0` is not supported. */
function parseNet(id: string): { addr: number; mask: number } {
  const slash = id.indexOf('/');
  const text = slash < 0 ? id : id.slice(0, slash);
  const parts = text.split('.');
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) > 255) || parts.length > 4)
    throw new FilterError(`invalid IPv4 address '${text}'`);
  let len = parts.length * 8;
  const addr = parseIPv4([...parts, '0', '0', '0'].slice(0, 4).join('.'))!;
  if (slash >= 0) {
    len = Number(id.slice(slash + 1));
    if (!/^\d+$/.test(id.slice(slash + 1)) || len > 32) throw new FilterError(`mask length must be <= 32`);
  }
  const mask = maskOf(len);
  if ((addr & ~mask) >>> 0 !== 0) throw new FilterError(`non-network bits set in "${id}"`);
  return { addr, mask };
}

/** Compiles a filter expression; a null filter accepts everything. */
export function parseFilter(text: string, ports: (name: string) => number | null = () => null): FilterParse {
  try {
    return { ok: true, filter: new Parser(tokenize(text), ports).parse() };
  } catch (e) {
    if (e instanceof FilterError) return { ok: false, error: e.message };
    throw e;
  }
}
