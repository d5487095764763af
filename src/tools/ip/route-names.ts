import type { RouteType } from '../../kernel/route/fib.js';

/** /etc/iproute2/rt_tables as Debian ships it. */
const TABLES: Record<number, string> = { 255: 'local', 254: 'main', 253: 'default', 0: 'unspec' };
/** /etc/iproute2/rt_protos as Debian ships it. */
const PROTOS: Record<number, string> = {
  0: 'unspec',
  1: 'redirect',
  2: 'kernel',
  3: 'boot',
  4: 'static',
  8: 'gated',
  9: 'ra',
  10: 'mrt',
  11: 'zebra',
  12: 'bird',
  13: 'dnrouted',
  14: 'xorp',
  15: 'ntk',
  16: 'dhcp',
  18: 'keepalived',
  42: 'babel',
  99: 'openr',
  186: 'bgp',
  187: 'isis',
  188: 'ospf',
  189: 'rip',
  192: 'eigrp',
};
/** /etc/iproute2/rt_scopes. */
const SCOPES: Record<number, string> = { 0: 'global', 255: 'nowhere', 254: 'host', 253: 'link', 200: 'site' };

/** The route types the emulated FIB has. */
const TYPES: readonly RouteType[] = [
  'unicast',
  'local',
  'broadcast',
  'multicast',
  'blackhole',
  'unreachable',
  'prohibit',
  'throw',
];
/** rtnl_rtntype_n2a's names, which ip prints before a route's destination: the FIB's and two it does not model. */
export const ROUTE_TYPE_NAMES: ReadonlySet<string> = new Set([...TYPES, 'nat', 'anycast']);

/** get_u32 with base 0: decimal, 0x hex or 0 octal; null when not a number or out of range. */
export function parseU32(text: string): number | null {
  let v: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) v = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) v = parseInt(text, 8);
  else if (/^[1-9][0-9]*$/.test(text)) v = parseInt(text, 10);
  else return null;
  return v > 0xffffffff ? null : v;
}

const byName = (table: Record<number, string>, word: string): number | null => {
  for (const [id, name] of Object.entries(table)) if (name === word) return Number(id);
  return null;
};

export const tableName = (id: number): string => TABLES[id] ?? String(id);
export const protoName = (id: number): string => PROTOS[id] ?? String(id);
export const scopeName = (id: number): string => SCOPES[id] ?? String(id);

/** rtnl_rttable_a2n. */
export function parseTable(word: string): number | null {
  return byName(TABLES, word) ?? parseU32(word);
}

/** rtnl_rtprot_a2n. */
export function parseProto(word: string): number | null {
  const n = byName(PROTOS, word) ?? parseU32(word);
  return n !== null && n <= 255 ? n : null;
}

/** rtnl_rtscope_a2n. */
export function parseScope(word: string): number | null {
  const n = byName(SCOPES, word) ?? parseU32(word);
  return n !== null && n <= 255 ? n : null;
}

/** rtnl_rtntype_a2n, limited to the types the emulated FIB has. */
export function parseRouteType(word: string): RouteType | null {
  if (word === 'brd') return 'broadcast';
  return (TYPES as readonly string[]).includes(word) ? (word as RouteType) : null;
}

/** rtnl_dsfield_a2n: a hex number up to 255. */
export function parseDsfield(word: string): number | null {
  if (!/^(0[xX])?[0-9a-fA-F]+$/.test(word)) return null;
  const n = parseInt(word, 16);
  return n <= 255 ? n : null;
}

export const dsfieldName = (tos: number): string => `0x${tos.toString(16).padStart(2, '0')}`;
