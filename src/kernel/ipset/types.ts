/**
 * The values ip_set works with (include/linux/netfilter/ipset/ip_set.h):
 * elements, their extensions, and the set types this kernel knows.
 */

/** The set types implemented, by the name `ipset create` takes. */
export type SetTypeName =
  | 'hash:ip'
  | 'hash:ip,port'
  | 'hash:ip,port,ip'
  | 'hash:ip,port,net'
  | 'hash:net'
  | 'bitmap:port'
  | 'list:set';

export const SET_TYPES: readonly SetTypeName[] = [
  'hash:ip',
  'hash:ip,port',
  'hash:ip,port,ip',
  'hash:ip,port,net',
  'hash:net',
  'bitmap:port',
  'list:set',
];

/**
 * One element, every type's fields in one shape (unused ones are 0):
 * `ip`/`cidr` the first dimension, `port`/`proto` the second, `ip2`/`cidr2`
 * the third; a bitmap:port element is its `port`, a list:set element the
 * member set's `name`.
 */
export interface Elem {
  readonly ip: number;
  readonly cidr: number;
  readonly port: number;
  readonly proto: number;
  readonly ip2: number;
  readonly cidr2: number;
  readonly name?: string;
}

export const elem = (fields: Partial<Elem>): Elem => ({
  ip: 0,
  cidr: 32,
  port: 0,
  proto: 0,
  ip2: 0,
  cidr2: 32,
  ...fields,
});

/** The create-time extensions (IPSET_EXT_*): what each element carries besides its value. */
export interface SetExtensions {
  /** Default timeout in seconds; null when the set has no timeout support. */
  readonly timeout: number | null;
  readonly counters: boolean;
  readonly comment: boolean;
}

/**
 * The extension values an add carries (struct ip_set_ext): undefined
 * leaves the field alone, as ULLONG_MAX / IPSET_NO_TIMEOUT do.
 */
export interface AddExt {
  /** Seconds; 0 is permanent. Undefined: the set's default. */
  readonly timeout?: number;
  readonly packets?: bigint;
  readonly bytes?: bigint;
  readonly comment?: string;
  /** IPSET_FLAG_NOMATCH (hash:net types). */
  readonly nomatch?: boolean;
}

/** IPSET_COUNTER_* comparison of a --packets-XX / --bytes-XX match option. */
export type CounterOp = 'none' | 'eq' | 'ne' | 'lt' | 'gt';

/** What the set match asks besides membership (struct ip_set_ext mext and the cmdflags). */
export interface MatchExt {
  readonly packets: bigint;
  readonly packetsOp: CounterOp;
  readonly bytes: bigint;
  readonly bytesOp: CounterOp;
  /** Skip updating the element's counters (! --update-counters). */
  readonly skipCounterUpdate?: boolean;
}

/** A stored element with its extensions, as a listing reports it. */
export interface Entry {
  readonly elem: Elem;
  nomatch: boolean;
  /** Expiry in jiffies, or null when permanent (or the set has no timeouts). */
  expires: number | null;
  packets: bigint;
  bytes: bigint;
  comment: string | null;
}
