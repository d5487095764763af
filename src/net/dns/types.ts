/** DNS numbers (RFC 1035, 3596, 2782, 6891, 8914) and the mnemonics dig and dnsmasq print for them. */

export const RRTYPE = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  HINFO: 13,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  NAPTR: 35,
  OPT: 41,
  DS: 43,
  RRSIG: 46,
  DNSKEY: 48,
  HTTPS: 65,
  AXFR: 252,
  ANY: 255,
  CAA: 257,
} as const;

export type RRTypeName = keyof typeof RRTYPE;

const TYPE_NAMES = new Map<number, string>(Object.entries(RRTYPE).map(([k, v]) => [v, k]));

/** `A`, `AAAA`, ... or `TYPE123` for types without a mnemonic (RFC 3597). */
export function typeName(type: number): string {
  return TYPE_NAMES.get(type) ?? `TYPE${type}`;
}

/** The number for a mnemonic or `TYPEn`, case-insensitively; null when it is neither. */
export function parseTypeName(text: string): number | null {
  const upper = text.toUpperCase();
  if (Object.hasOwn(RRTYPE, upper)) return RRTYPE[upper as RRTypeName];
  const m = /^TYPE(\d{1,5})$/.exec(upper);
  return m && Number(m[1]) <= 65535 ? Number(m[1]) : null;
}

export const CLASS_IN = 1;

const CLASS_NAMES = new Map<number, string>([
  [1, 'IN'],
  [3, 'CH'],
  [4, 'HS'],
  [254, 'NONE'],
  [255, 'ANY'],
]);

export function className(cls: number): string {
  return CLASS_NAMES.get(cls) ?? `CLASS${cls}`;
}

export function parseClassName(text: string): number | null {
  const upper = text.toUpperCase();
  for (const [n, name] of CLASS_NAMES) if (name === upper) return n;
  const m = /^CLASS(\d{1,5})$/.exec(upper);
  return m && Number(m[1]) <= 65535 ? Number(m[1]) : null;
}

export const RCODE = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
} as const;

const RCODE_NAMES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
];

export function rcodeName(rcode: number): string {
  return RCODE_NAMES[rcode] ?? `RESERVED${rcode}`;
}

const OPCODE_NAMES = ['QUERY', 'IQUERY', 'STATUS', 'RESERVED3', 'NOTIFY', 'UPDATE'];

export function opcodeName(opcode: number): string {
  return OPCODE_NAMES[opcode] ?? `RESERVED${opcode}`;
}

/** EDNS option codes (RFC 6891 registry). */
export const EDNS_OPTION = { COOKIE: 10, EDE: 15 } as const;

/** Extended DNS Error info-codes (RFC 8914) as dig prints them. */
const EDE_NAMES = [
  'Other',
  'Unsupported DNSKEY Algorithm',
  'Unsupported DS Digest Type',
  'Stale Answer',
  'Forged Answer',
  'DNSSEC Indeterminate',
  'DNSSEC Bogus',
  'Signature Expired',
  'Signature Not Yet Valid',
  'DNSKEY Missing',
  'RRSIGs Missing',
  'No Zone Key Bit Set',
  'NSEC Missing',
  'Cached Error',
  'Not Ready',
  'Blocked',
  'Censored',
  'Filtered',
  'Prohibited',
  'Stale NXDOMAIN Answer',
  'Not Authoritative',
  'Not Supported',
  'No Reachable Authority',
  'Network Error',
  'Invalid Data',
];

export function edeName(code: number): string | undefined {
  return EDE_NAMES[code];
}

/** The EDE info-code dnsmasq puts in a REFUSED answer when it has no server to forward to. */
export const EDE_NOT_READY = 14;
