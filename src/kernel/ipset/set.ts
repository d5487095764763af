import type { SetExtensions, SetTypeName } from './types.js';
import type { Variant } from './variant.js';
import { HASH_TYPES } from './hash-types.js';
import { HashSet } from './hash.js';
import { BitmapPort } from './bitmap-port.js';
import { ListSet } from './list-set.js';
import { MAX_TIMEOUT } from './ext.js';
import { fail } from './errors.js';

/** What `ipset create` asks for; unset fields take the kernel's defaults. */
export interface CreateOptions {
  readonly type: SetTypeName;
  readonly hashsize?: number;
  readonly maxelem?: number;
  readonly netmask?: number;
  readonly initval?: number;
  readonly bucketsize?: number;
  readonly timeout?: number;
  readonly counters?: boolean;
  readonly comment?: boolean;
  /** bitmap:port's port range. */
  readonly range?: readonly [number, number];
  /** list:set's size. */
  readonly size?: number;
}

/** IPSET_DEFAULT_HASHSIZE, IPSET_MIMINAL_HASHSIZE, IPSET_DEFAULT_MAXELEM, AHASH_MAX_SIZE. */
const DEFAULT_HASHSIZE = 1024;
const MIN_HASHSIZE = 64;
const DEFAULT_MAXELEM = 65536;
const MAX_BUCKETSIZE = 12;
/** IP_SET_LIST_DEFAULT_SIZE, IP_SET_LIST_MIN_SIZE. */
const LIST_DEFAULT_SIZE = 8;
const LIST_MIN_SIZE = 4;

/** The header a listing shows, type by type. */
export type SetParams =
  | {
      readonly kind: 'hash';
      readonly hashsize: number;
      readonly maxelem: number;
      /** hash:ip's netmask, null when not given (32). */
      readonly netmask: number | null;
      readonly bucketsize: number;
      readonly initval: number;
    }
  | { readonly kind: 'bitmap'; readonly first: number; readonly last: number }
  | { readonly kind: 'list'; readonly size: number };

/** One set (struct ip_set): its name, type, extensions and storage. */
export class IpSet {
  readonly revision: number;
  readonly ext: SetExtensions;
  readonly variant: Variant;
  private readonly params: SetParams;

  constructor(
    public name: string,
    readonly type: SetTypeName,
    opts: CreateOptions,
    initval: number,
    now: number,
  ) {
    const timeout = opts.timeout === undefined ? null : Math.min(opts.timeout, MAX_TIMEOUT);
    this.ext = { timeout, counters: Boolean(opts.counters), comment: Boolean(opts.comment) };
    if (type === 'bitmap:port') {
      const [a, b] = opts.range ?? fail('ERANGE');
      const [first, last] = a <= b ? [a, b] : [b, a];
      this.revision = 3;
      this.params = { kind: 'bitmap', first, last };
      this.variant = new BitmapPort(first, last, this.ext);
    } else if (type === 'list:set') {
      const size = Math.max(opts.size ?? LIST_DEFAULT_SIZE, LIST_MIN_SIZE);
      this.revision = 3;
      this.params = { kind: 'list', size };
      this.variant = new ListSet(size, this.ext, now);
    } else {
      const t = HASH_TYPES[type];
      const hashsize = Math.max(opts.hashsize ?? DEFAULT_HASHSIZE, MIN_HASHSIZE);
      let bucketsize = opts.bucketsize ?? MAX_BUCKETSIZE;
      bucketsize = Math.min(Math.max(bucketsize, 2), MAX_BUCKETSIZE);
      if (bucketsize % 2) bucketsize++;
      const netmask =
        (type === 'hash:ip' || type === 'hash:ip,port') && opts.netmask !== undefined ? opts.netmask : 32;
      if (netmask < 1 || netmask > 32) fail('ERANGE');
      const maxelem = opts.maxelem ?? DEFAULT_MAXELEM;
      this.revision = t.revision;
      const hash = new HashSet(t, {
        hashsize,
        maxelem,
        initval,
        bucketsize,
        netmask,
        ext: this.ext,
        created: now,
      });
      this.variant = hash;
      this.params = {
        kind: 'hash',
        get hashsize() {
          return hash.hashsize;
        },
        maxelem,
        netmask: netmask === 32 ? null : netmask,
        bucketsize,
        initval,
      };
    }
  }

  get header(): SetParams {
    return this.params;
  }

  /** mtype_same_set: what `create -exist` compares (the hash size may differ, resizing changes it). */
  sameAs(other: IpSet): boolean {
    if (this.type !== other.type) return false;
    const a = this.params;
    const b = other.params;
    const extSame =
      this.ext.timeout === other.ext.timeout &&
      this.ext.counters === other.ext.counters &&
      this.ext.comment === other.ext.comment;
    if (!extSame) return false;
    if (a.kind === 'hash' && b.kind === 'hash') return a.maxelem === b.maxelem && a.netmask === b.netmask;
    if (a.kind === 'bitmap' && b.kind === 'bitmap') return a.first === b.first && a.last === b.last;
    if (a.kind === 'list' && b.kind === 'list') return a.size === b.size;
    return false;
  }
}
