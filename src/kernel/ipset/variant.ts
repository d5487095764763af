import type { AddExt, Elem, Entry, MatchExt } from './types.js';
import type { PacketExt } from './ext.js';

/** How a test is asked: from userspace (no counting) or by a packet (counted, with the match's conditions). */
export interface TestOpts {
  readonly mext: MatchExt | null;
  readonly pkt: PacketExt | null;
}

/** What a test finds: a match, nothing, or a `nomatch` element (-ENOTEMPTY). */
export type TestResult = 'match' | 'none' | 'nomatch';

/**
 * One set type's storage (struct ip_set_type_variant): add/del/test of a
 * single element, the dump and the header numbers. Errors are thrown as
 * IpsetError.
 */
export interface Variant {
  /** `userspace`: the add may resize the table (a kernel-side add never does). */
  add(e: Elem, ext: AddExt, exist: boolean, now: number, userspace: boolean): void;
  /** False when the element is not there. */
  del(e: Elem, now: number): boolean;
  test(e: Elem, now: number, opts: TestOpts): TestResult;
  /** Live entries in the kernel's dump order. */
  entries(now: number): Entry[];
  count(now: number): number;
  /** What `Size in memory:` reports. */
  memsize(now: number): number;
  flush(): void;
}
