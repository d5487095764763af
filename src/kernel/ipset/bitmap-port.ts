import type { AddExt, Elem, Entry, SetExtensions } from './types.js';
import type { TestOpts, TestResult, Variant } from './variant.js';
import { commentSize, elemLen, expired, initExtensions, matchExtensions } from './ext.js';
import { fail } from './errors.js';

/** sizeof(struct bitmap_port). */
const BASE = 72;

/**
 * bitmap:port (net/netfilter/ipset/ip_set_bitmap_port.c): one bit per
 * port of the range, each with its extension slot allocated up front.
 */
export class BitmapPort implements Variant {
  /** Slots by port; a cleared one keeps its counters (the extension area is not wiped). */
  private readonly slots = new Map<number, Entry>();
  private readonly members = new Set<number>();
  private commentBytes = 0;
  readonly dsize: number;

  constructor(
    readonly first: number,
    readonly last: number,
    readonly ext: SetExtensions,
  ) {
    this.dsize = elemLen(0, 0, ext);
  }

  private inRange(port: number): void {
    if (port < this.first || port > this.last) fail('BITMAP_RANGE');
  }

  add(e: Elem, ext: AddExt, exist: boolean, now: number): void {
    this.inRange(e.port);
    const old = this.slots.get(e.port);
    if (this.members.has(e.port) && old && !expired(old, now) && !exist) fail('EXIST');
    if (old) this.commentBytes -= commentSize(old.comment);
    const entry: Entry = {
      elem: e,
      nomatch: false,
      expires: null,
      packets: old?.packets ?? 0n,
      bytes: old?.bytes ?? 0n,
      comment: null,
    };
    this.commentBytes += initExtensions(entry, ext, this.ext, now);
    this.slots.set(e.port, entry);
    this.members.add(e.port);
  }

  del(e: Elem, now: number): boolean {
    this.inRange(e.port);
    const old = this.slots.get(e.port);
    if (!this.members.has(e.port) || !old || expired(old, now)) return false;
    this.members.delete(e.port);
    this.commentBytes -= commentSize(old.comment);
    old.comment = null;
    return true;
  }

  test(e: Elem, now: number, opts: TestOpts): TestResult {
    if (e.port < this.first || e.port > this.last) return 'none';
    const entry = this.slots.get(e.port);
    if (!this.members.has(e.port) || !entry) return 'none';
    return matchExtensions(entry, this.ext, now, opts.mext, opts.pkt) ? 'match' : 'none';
  }

  entries(now: number): Entry[] {
    return [...this.members]
      .sort((a, b) => a - b)
      .map((p) => this.slots.get(p)!)
      .filter((e) => !expired(e, now));
  }

  count(now: number): number {
    return this.entries(now).length;
  }

  memsize(): number {
    const elements = this.last - this.first + 1;
    return BASE + Math.ceil(elements / 64) * 8 + this.dsize * elements + this.commentBytes;
  }

  flush(): void {
    this.members.clear();
    this.commentBytes = 0;
    for (const e of this.slots.values()) e.comment = null;
  }
}
