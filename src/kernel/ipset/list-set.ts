import type { AddExt, Elem, Entry, SetExtensions } from './types.js';
import type { TestOpts, TestResult, Variant } from './variant.js';
import { commentSize, elemLen, expired, gcTick, initExtensions, matchExtensions } from './ext.js';
import { fail } from './errors.js';

/** sizeof(struct list_set). */
const BASE = 80;
/** sizeof(struct set_elem): rcu head, list head, set pointer, id. */
const SET_ELEM = 48;

/** Where a list:set add/del/test refers to: `before NAME` or `after NAME`. */
export interface ListRef {
  readonly name: string;
  readonly before: boolean;
}

/**
 * list:set (net/netfilter/ipset/ip_set_list_set.c): an ordered list of
 * member sets. Members are held by name here; the core keeps their
 * reference counts and refuses what the kernel refuses.
 */
export class ListSet implements Variant {
  private members: Entry[] = [];
  private commentBytes = 0;
  readonly dsize: number;

  private lastGc: number;

  constructor(
    readonly size: number,
    readonly ext: SetExtensions,
    private readonly created: number,
  ) {
    this.dsize = elemLen(SET_ELEM, 8, ext);
    this.lastGc = created;
  }

  /** list_set_gc as of `now`: expired members leave (and let go of their set). */
  gc(now: number): void {
    if (this.ext.timeout === null) return;
    const tick = gcTick(this.created, this.ext.timeout, now);
    if (tick <= this.lastGc) return;
    this.lastGc = tick;
    for (const m of this.members) if (expired(m, tick)) this.remove(m);
  }

  private live(now: number): Entry[] {
    this.gc(now);
    return this.members.filter((e) => !expired(e, now));
  }

  /** list_set_uadd: append, or insert next to the referenced member; a timed out neighbour is replaced. */
  addRef(e: Elem, ext: AddExt, exist: boolean, now: number, ref: ListRef | null): void {
    let n: Entry | undefined;
    let next: Entry | undefined;
    let prev: Entry | undefined;
    for (const m of this.members) {
      if (expired(m, now)) continue;
      if (m.elem.name === e.name) n = m;
      else if (!ref || m.elem.name !== ref.name) continue;
      else if (ref.before) next = m;
      else prev = m;
    }
    if (ref && (ref.before ? !next : !prev)) fail('REF');
    if (n) {
      if (!exist) fail('EXIST');
      this.commentBytes += initExtensions(n, ext, this.ext, now);
      return;
    }
    let replace: Entry | undefined;
    const at = (x: Entry | undefined) => (x ? this.members.indexOf(x) : -1);
    if (!ref) replace = this.members[this.members.length - 1];
    else if (ref.before) replace = this.members[at(next) + 1];
    else replace = at(prev) > 0 ? this.members[at(prev) - 1] : undefined;
    if (replace && !expired(replace, now)) replace = undefined;
    const entry: Entry = { elem: e, nomatch: false, expires: null, packets: 0n, bytes: 0n, comment: null };
    this.commentBytes += initExtensions(entry, ext, this.ext, now);
    if (replace) {
      this.commentBytes -= commentSize(replace.comment);
      this.members[at(replace)] = entry;
    } else if (next) this.members.splice(at(next), 0, entry);
    else if (prev) this.members.splice(at(prev) + 1, 0, entry);
    else this.members.push(entry);
  }

  add(e: Elem, ext: AddExt, exist: boolean, now: number): void {
    this.addRef(e, ext, exist, now, null);
  }

  /** list_set_udel: with a reference, only when the neighbour is the one named. */
  delRef(e: Elem, now: number, ref: ListRef | null): boolean {
    let prev: Entry | undefined;
    const live = this.live(now);
    for (let i = 0; i < live.length; i++) {
      const m = live[i];
      if (m.elem.name !== e.name) {
        prev = m;
        continue;
      }
      if (ref?.before && live[i + 1]?.elem.name !== ref.name) fail('REF');
      if (ref && !ref.before && prev?.elem.name !== ref.name) fail('REF');
      this.remove(m);
      return true;
    }
    if (ref) fail('REF');
    return false;
  }

  del(e: Elem, now: number): boolean {
    return this.delRef(e, now, null);
  }

  private remove(m: Entry): void {
    this.commentBytes -= commentSize(m.comment);
    this.members = this.members.filter((x) => x !== m);
  }

  /** list_set_utest: membership, or membership next to the referenced set. */
  testRef(e: Elem, now: number, ref: ListRef | null): boolean {
    const live = this.live(now);
    const i = live.findIndex((m) => m.elem.name === e.name);
    if (i < 0) return false;
    if (!ref) return true;
    return ref.before ? live[i + 1]?.elem.name === ref.name : live[i - 1]?.elem.name === ref.name;
  }

  test(e: Elem, now: number): TestResult {
    return this.testRef(e, now, null) ? 'match' : 'none';
  }

  /** The members whose own test a packet goes through, with the entry that counts it. */
  memberEntries(now: number): Entry[] {
    return this.live(now);
  }

  /** ip_set_match_extensions on a member entry that matched (list_set_ktest). */
  matchMember(m: Entry, now: number, opts: TestOpts): boolean {
    return matchExtensions(m, this.ext, now, null, opts.mext?.skipCounterUpdate ? null : opts.pkt);
  }

  /** A member set is gone (destroyed with the list, or flushed): drop it by name. */
  dropMember(name: string): void {
    const m = this.members.find((x) => x.elem.name === name);
    if (m) this.remove(m);
  }

  entries(now: number): Entry[] {
    return this.live(now);
  }

  count(now: number): number {
    return this.live(now).length;
  }

  /** Every member, expired ones too (they still hold their reference until the gc). */
  allNames(now: number): string[] {
    this.gc(now);
    return this.members.map((m) => m.elem.name!);
  }

  memsize(now: number): number {
    this.gc(now);
    return BASE + this.members.length * this.dsize + this.commentBytes;
  }

  flush(): void {
    this.members = [];
    this.commentBytes = 0;
  }
}
