import type { AddExt, Elem, Entry, SetExtensions } from './types.js';
import type { HashType } from './hash-types.js';
import type { TestOpts, TestResult, Variant } from './variant.js';
import { commentSize, elemLen, expired, gcTick, initExtensions, matchExtensions } from './ext.js';
import { fail } from './errors.js';
import { jhash2 } from '../netfilter/nat/jhash.js';
import { maskOf } from '../../net/ipv4.js';

/**
 * The generic hash of net/netfilter/ipset/ip_set_hash_gen.h: buckets of
 * small arrays grown two slots at a time, a deleted slot reused by the
 * next add to its bucket, the table doubled (and rehashed) when a bucket
 * would outgrow `bucketsize`. Kept slot for slot so that listings come
 * out in the kernel's order and `Size in memory:` is its number.
 */

/** AHASH_INIT_SIZE: slots a bucket starts with and grows by. */
const INIT_SIZE = 2;
/** sizeof(struct hbucket): rcu head, the used bitmap, size and pos. */
const HBUCKET = 32;
/** sizeof(struct ip_set_region). */
const REGION = 24;
/** HTABLE_REGION_BITS. */
const REGION_BITS = 10;

interface Bucket {
  size: number;
  pos: number;
  readonly used: boolean[];
  /** Slots; an unused one may keep what was there (its counters survive into a reuse). */
  readonly data: (Entry | undefined)[];
}

export interface HashOptions {
  readonly hashsize: number;
  readonly maxelem: number;
  readonly initval: number;
  readonly bucketsize: number;
  /** hash:ip's netmask (32 = none). */
  readonly netmask: number;
  readonly ext: SetExtensions;
  /** Creation time in jiffies (the gc runs from there). */
  readonly created: number;
}

/** fls(hashsize - 1): the table bits for a requested size, rounded up to a power of two. */
export const hashBits = (hashsize: number): number => (hashsize <= 1 ? 0 : 32 - Math.clz32(hashsize - 1));

const numLocks = (bits: number) => (bits < REGION_BITS ? 1 : 2 ** (bits - REGION_BITS));

export class HashSet implements Variant {
  bits: number;
  private buckets = new Map<number, Bucket>();
  /** The regions' ext_size: bucket memory. */
  private extSize = 0;
  /** set->ext_size: comment strings. */
  private commentBytes = 0;
  /** Elements stored, expired ones included until the gc takes them (the regions' counters). */
  private elements = 0;
  /** Elements per prefix length of the net dimension (h->nets). */
  private readonly nets = new Map<number, number>();
  readonly dsize: number;
  private lastGc: number;

  constructor(
    readonly type: HashType,
    readonly opts: HashOptions,
  ) {
    this.bits = hashBits(opts.hashsize);
    this.dsize = elemLen(type.elemSize, 4, opts.ext);
    this.lastGc = opts.created;
  }

  private bucketBytes = (slots: number) => HBUCKET + slots * this.dsize;

  private hkey(e: Elem, bits = this.bits): number {
    const mask = bits >= 32 ? 0xffffffff : 2 ** bits - 1;
    return (jhash2(this.type.key(e), this.opts.initval) & mask) >>> 0;
  }

  /** The prefix length of the element's net dimension. */
  private cidrOf(e: Elem): number {
    return this.type.net === 'ip2' ? e.cidr2 : e.cidr;
  }

  private addCidr(e: Elem): void {
    if (!this.type.net) return;
    const c = this.cidrOf(e);
    this.nets.set(c, (this.nets.get(c) ?? 0) + 1);
  }

  private delCidr(e: Elem): void {
    if (!this.type.net) return;
    const c = this.cidrOf(e);
    const n = (this.nets.get(c) ?? 0) - 1;
    if (n > 0) this.nets.set(c, n);
    else this.nets.delete(c);
  }

  /** h->nets[0]: the longest prefix stored, or a host when none is (what a kernel-side add uses). */
  largestCidr(): number {
    return this.nets.size === 0 ? 32 : Math.max(...this.nets.keys());
  }

  /**
   * The periodic gc (mtype_gc) as of `now`: it runs every gc period
   * after creation, so an expired entry leaves its slot at the first
   * tick past its expiry.
   */
  private gc(now: number): void {
    if (this.opts.ext.timeout === null) return;
    const tick = gcTick(this.opts.created, this.opts.ext.timeout, now);
    if (tick <= this.lastGc) return;
    this.lastGc = tick;
    this.gcDo(tick);
  }

  /** mtype_gc_do: drop expired entries; a bucket with enough free slots shrinks or goes. */
  private gcDo(now: number): void {
    for (const [key, n] of [...this.buckets]) {
      let d = 0;
      for (let j = 0; j < n.pos; j++) {
        if (!n.used[j]) {
          d++;
          continue;
        }
        const data = n.data[j]!;
        if (!expired(data, now)) continue;
        n.used[j] = false;
        this.delCidr(data.elem);
        this.elements--;
        this.commentBytes -= commentSize(data.comment);
        d++;
      }
      if (d < INIT_SIZE) continue;
      if (d >= n.size) {
        this.extSize -= this.bucketBytes(n.size);
        this.buckets.delete(key);
        continue;
      }
      this.buckets.set(key, this.compact(n, n.size - INIT_SIZE));
      this.extSize -= this.bucketBytes(INIT_SIZE);
    }
  }

  private compact(n: Bucket, size: number): Bucket {
    const live = n.data.filter((_, j) => j < n.pos && n.used[j]) as Entry[];
    return { size, pos: live.length, used: live.map(() => true), data: live };
  }

  private newBucket(): Bucket {
    this.extSize += this.bucketBytes(INIT_SIZE);
    return { size: INIT_SIZE, pos: 0, used: [], data: [] };
  }

  add(e: Elem, ext: AddExt, exist: boolean, now: number, userspace: boolean): void {
    this.gc(now);
    for (;;) {
      if (this.tryAdd(e, ext, exist, now)) return;
      // -EAGAIN: the bucket is at bucketsize. Only a userspace add resizes and retries.
      if (!userspace) return;
      this.resize(now);
    }
  }

  /** mtype_add; false is -EAGAIN (resize wanted). */
  private tryAdd(e: Elem, ext: AddExt, exist: boolean, now: number): boolean {
    const key = this.hkey(e);
    const full = this.elements >= this.opts.maxelem;
    let n = this.buckets.get(key);
    let j = -1;
    let reuse = false;
    let deleted = false;
    if (!n) {
      if (full) fail('HASH_FULL');
      n = this.newBucket();
      this.buckets.set(key, n);
      j = n.pos++;
      return this.store(n, j, e, ext, now, undefined);
    }
    for (let i = 0; i < n.pos; i++) {
      if (!n.used[i]) {
        if (j === -1) {
          deleted = reuse = true;
          j = i;
        }
        continue;
      }
      const data = n.data[i]!;
      if (this.type.equal(data.elem, e)) {
        if (exist || expired(data, now)) {
          data.nomatch = Boolean(ext.nomatch);
          this.commentBytes += initExtensions(data, ext, this.opts.ext, now);
          return true;
        }
        fail('EXIST');
      }
      if (expired(data, now) && j === -1) {
        j = i;
        reuse = true;
      }
    }
    if (reuse) {
      const old = n.data[j];
      if (!deleted && old) {
        this.delCidr(old.elem);
        this.commentBytes -= commentSize(old.comment);
        this.elements--;
      }
      return this.store(n, j, e, ext, now, old);
    }
    if (full) fail('HASH_FULL');
    if (n.pos >= n.size) {
      if (n.size >= this.opts.bucketsize) return false;
      n.size += INIT_SIZE;
      // The kernel accounts a whole new bucket header for each growth.
      this.extSize += this.bucketBytes(INIT_SIZE);
    }
    j = n.pos++;
    return this.store(n, j, e, ext, now, undefined);
  }

  private store(n: Bucket, j: number, e: Elem, ext: AddExt, now: number, old: Entry | undefined): boolean {
    const entry: Entry = {
      elem: e,
      nomatch: Boolean(ext.nomatch),
      expires: null,
      packets: old?.packets ?? 0n,
      bytes: old?.bytes ?? 0n,
      comment: null,
    };
    this.elements++;
    this.addCidr(e);
    this.commentBytes += initExtensions(entry, ext, this.opts.ext, now);
    n.data[j] = entry;
    n.used[j] = true;
    return true;
  }

  /** mtype_resize: double the table until every bucket fits, dropping expired entries. */
  private resize(now: number): void {
    let bits = this.bits;
    for (;;) {
      bits++;
      if (bits > 31) fail('HASH_FULL');
      const table = new Map<number, Bucket>();
      let extSize = 0;
      let elements = 0;
      let ok = true;
      for (const key of [...this.buckets.keys()].sort((a, b) => a - b)) {
        const n = this.buckets.get(key)!;
        for (let j = 0; j < n.pos && ok; j++) {
          if (!n.used[j] || expired(n.data[j]!, now)) continue;
          const data = n.data[j]!;
          const k = this.hkey(data.elem, bits);
          let m = table.get(k);
          if (!m) {
            m = { size: INIT_SIZE, pos: 0, used: [], data: [] };
            extSize += this.bucketBytes(INIT_SIZE);
            table.set(k, m);
          } else if (m.pos >= m.size) {
            if (m.size >= this.opts.bucketsize) {
              ok = false;
              break;
            }
            m.size += INIT_SIZE;
            extSize += this.bucketBytes(INIT_SIZE);
          }
          m.data[m.pos] = data;
          m.used[m.pos++] = true;
          elements++;
        }
        if (!ok) break;
      }
      if (!ok) continue;
      this.bits = bits;
      this.buckets = table;
      this.extSize = extSize;
      this.elements = elements;
      return;
    }
  }

  del(e: Elem, now: number): boolean {
    this.gc(now);
    const key = this.hkey(e);
    const n = this.buckets.get(key);
    if (!n) return false;
    let k = 0;
    for (let i = 0; i < n.pos; i++) {
      if (!n.used[i]) {
        k++;
        continue;
      }
      const data = n.data[i]!;
      if (!this.type.equal(data.elem, e)) continue;
      if (expired(data, now)) return false;
      n.used[i] = false;
      if (i + 1 === n.pos) n.pos--;
      this.elements--;
      this.delCidr(data.elem);
      this.commentBytes -= commentSize(data.comment);
      data.comment = null;
      for (; i < n.pos; i++) if (!n.used[i]) k++;
      if (n.pos === 0 && k === 0) {
        this.extSize -= this.bucketBytes(n.size);
        this.buckets.delete(key);
      } else if (k >= INIT_SIZE) {
        this.buckets.set(key, this.compact(n, n.size - INIT_SIZE));
        this.extSize -= this.bucketBytes(INIT_SIZE);
      }
      return true;
    }
    return false;
  }

  /** The bucket's matching entry: the first whose extensions agree decides (mtype_test's loop). */
  private lookup(e: Elem, now: number, opts: TestOpts): TestResult {
    const n = this.buckets.get(this.hkey(e));
    if (!n) return 'none';
    for (let i = 0; i < n.pos; i++) {
      if (!n.used[i]) continue;
      const data = n.data[i]!;
      if (!this.type.equal(data.elem, e)) continue;
      if (!matchExtensions(data, this.opts.ext, now, opts.mext, opts.pkt)) continue;
      return data.nomatch ? 'nomatch' : 'match';
    }
    return 'none';
  }

  /** mtype_test; a host address in a net type is tried against each stored prefix, longest first. */
  test(e: Elem, now: number, opts: TestOpts): TestResult {
    this.gc(now);
    if (!this.type.net || this.cidrOf(e) !== 32) return this.lookup(e, now, opts);
    const cidrs = [...this.nets.keys()].sort((a, b) => b - a);
    for (const c of cidrs) {
      const masked =
        this.type.net === 'ip'
          ? { ...e, ip: (e.ip & maskOf(c)) >>> 0, cidr: c }
          : { ...e, ip2: (e.ip2 & maskOf(c)) >>> 0, cidr2: c };
      const r = this.lookup(masked, now, opts);
      if (r !== 'none') return r;
    }
    return 'none';
  }

  entries(now: number): Entry[] {
    this.gc(now);
    const out: Entry[] = [];
    for (const key of [...this.buckets.keys()].sort((a, b) => a - b)) {
      const n = this.buckets.get(key)!;
      for (let i = 0; i < n.pos; i++) if (n.used[i] && !expired(n.data[i]!, now)) out.push(n.data[i]!);
    }
    return out;
  }

  count(now: number): number {
    this.gc(now);
    let c = 0;
    for (const n of this.buckets.values())
      for (let i = 0; i < n.pos; i++) if (n.used[i] && !expired(n.data[i]!, now)) c++;
    return c;
  }

  get hashsize(): number {
    return 2 ** this.bits;
  }

  memsize(now: number): number {
    this.gc(now);
    return this.type.base + REGION * numLocks(this.bits) + this.extSize + this.commentBytes;
  }

  flush(): void {
    this.buckets.clear();
    this.extSize = 0;
    this.commentBytes = 0;
    this.elements = 0;
    this.nets.clear();
  }
}
