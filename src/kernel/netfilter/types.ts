import type { IPv4 } from '../../net/ipv4.js';

/** The five netfilter hooks (NF_INET_*), by their iptables chain names. */
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter' | 'security';

export type Policy = 'ACCEPT' | 'DROP';

/** Above this a count leaves the number form: one more add (under 2^32 bytes) still lands exactly below 2^53. */
const EXACT = 2 ** 53 - 2 ** 32;
const EXACT_BIG = BigInt(EXACT);

/**
 * Packet and byte counters, u64 as the kernel keeps them. Mutable on
 * purpose: the packet path bumps them in place while the rule that owns
 * them stays the same immutable value. Held as two numbers while both are
 * below 2^53, so counting a packet allocates nothing; a count beyond that
 * (iptables -c or restore `[p:b]` up to 2^64-1, or a long life) moves to
 * bigints for good. Readers see exact bigints either way.
 */
export class Counters {
  private p: number;
  private b: number;
  /** The counts once either has passed EXACT, else null (p and b are exact). */
  private big: { packets: bigint; bytes: bigint } | null;

  constructor(packets: bigint = 0n, bytes: bigint = 0n) {
    this.p = 0;
    this.b = 0;
    this.big = null;
    this.set(packets, bytes);
  }

  /** Sets both counts (a restore `[p:b]` prefix). */
  set(packets: bigint, bytes: bigint): void {
    if (packets <= EXACT_BIG && bytes <= EXACT_BIG) {
      this.p = Number(packets);
      this.b = Number(bytes);
      this.big = null;
    } else {
      this.p = 0;
      this.b = 0;
      this.big = { packets, bytes };
    }
  }

  get packets(): bigint {
    return this.big === null ? BigInt(this.p) : this.big.packets;
  }

  get bytes(): bigint {
    return this.big === null ? BigInt(this.b) : this.big.bytes;
  }

  /** Counts one packet of `bytes` (the packet path's only write). */
  add(bytes: number): void {
    const big = this.big;
    if (big === null) {
      this.p += 1;
      this.b += bytes;
      if (this.b > EXACT || this.p > EXACT) this.big = { packets: BigInt(this.p), bytes: BigInt(this.b) };
    } else {
      big.packets += 1n;
      big.bytes += BigInt(bytes);
    }
  }
}

/** An interface match as struct ipt_ip keeps it: a name, `+` for a prefix wildcard. */
export interface IfaceMatch {
  readonly name: string;
  readonly invert: boolean;
}

/** `-s`/`-d`: address and mask (mask 0 = any). */
export interface AddrMatch {
  readonly addr: IPv4;
  readonly mask: IPv4;
  readonly invert: boolean;
}

/**
 * An xtables match or target extension instance: its name, revision-free,
 * and the options its parser produced. Each extension owns the shape of
 * `data` (see src/tools/iptables/modules); the kernel only reads the
 * fields it checks.
 */
export interface XtModule {
  readonly name: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What a rule does when it matches. */
export type Verdict =
  | { readonly kind: 'none' }
  | { readonly kind: 'standard'; readonly verdict: 'ACCEPT' | 'DROP' | 'RETURN' }
  | { readonly kind: 'jump'; readonly chain: string; readonly goto: boolean }
  | { readonly kind: 'target'; readonly target: XtModule };

/** One rule: struct ipt_entry (ipt_ip + matches + target) plus its counters. */
export interface Rule {
  readonly src: AddrMatch | null;
  readonly dst: AddrMatch | null;
  readonly inIface: IfaceMatch | null;
  readonly outIface: IfaceMatch | null;
  /** IP protocol number, 0 = all. */
  readonly proto: number;
  readonly protoInvert: boolean;
  /** `-f`: null, or whether it is `! -f`. */
  readonly fragment: { readonly invert: boolean } | null;
  readonly matches: readonly XtModule[];
  readonly verdict: Verdict;
  readonly counters: Counters;
}

export interface BuiltinChain {
  readonly kind: 'builtin';
  readonly name: Hook;
  readonly policy: Policy;
  readonly counters: Counters;
  readonly rules: readonly Rule[];
  /**
   * The chain exists in the kernel (iptables-nft creates a built-in chain
   * on its first -A/-I/-R/-P/-F CHAIN or restore line); until then its
   * hook is not registered: packets skip it and its policy counts nothing.
   */
  readonly hooked?: boolean;
  /**
   * The chain has policy counters (NFTA_CHAIN_COUNTERS): only a chain given
   * counters by -P, -Z or a restore `:CHAIN` line counts policy verdicts;
   * one created by -A/-I/-R/-F does not.
   */
  readonly policyStats?: boolean;
  /** The nf_tables chain handle (0 while the chain is not created in the kernel). */
  readonly handle?: number;
  /** The nf_tables handle of each rule, parallel to `rules` (see `ruleHandle`). */
  readonly handles?: readonly number[];
  /**
   * Without `handles`: the first rule's handle, the others' following it
   * one by one, as a restore's appends give them (no list per chain).
   */
  readonly handle0?: number;
}

export interface UserChain {
  readonly kind: 'user';
  readonly name: string;
  readonly rules: readonly Rule[];
  readonly handle?: number;
  readonly handles?: readonly number[];
  /**
   * Without `handles`: the first rule's handle, the others' following it
   * one by one, as a restore's appends give them (no list per chain).
   */
  readonly handle0?: number;
  /**
   * The restore memo's list `rules` is a copy of (tools/iptables/restore-memo.ts),
   * which never changes: what is derived from it is derived once for every
   * namespace. `rules` changes in place only by the packet path's counted
   * copies (kernel/netfilter/intern.ts countedLists).
   */
  readonly source?: readonly Rule[];
}

export type Chain = BuiltinChain | UserChain;

/**
 * A base chain under a name that is not its hook's: `iptables -E INPUT X`
 * renames the nf_tables base chain, which keeps its hook, rules, policy
 * and counters. iptables-nft's cache drops such a chain (the table reads
 * as tainted), so no iptables command sees it by name; packets still do.
 */
export interface ForeignBaseChain extends Omit<BuiltinChain, 'name'> {
  readonly name: string;
  readonly hook: Hook;
}

/**
 * How the handles of a table's chains shared with another namespace's
 * table (its template, tools/iptables/restore-rebase.ts) stand to the
 * template's: such a chain keeps the template's handles in its fields,
 * and this table's are those plus a step function of them (the template
 * made more or fewer chains and rules than this table before them).
 */
export interface HandleShift {
  /** The template's user chains: a chain of this table that is the template's own (same object) is shifted. */
  readonly template: ReadonlyMap<string, UserChain>;
  /** Template handles where a shift starts, ascending, and the shift from there on (0 before the first). */
  readonly from: readonly number[];
  readonly by: readonly number[];
}

/** One table, immutable: an update builds a new Table and swaps it in. */
export interface Table {
  readonly name: TableName;
  /** Built-in chains in hook order, as the kernel registers them for this table. */
  readonly builtins: readonly BuiltinChain[];
  /** User chains by name. */
  readonly user: ReadonlyMap<string, UserChain>;
  /** Renamed base chains, oldest first (absent when there are none). */
  readonly foreign?: readonly ForeignBaseChain[];
  /**
   * The table's handle generator (table->hgenerator): every chain and rule
   * object created in the table takes the next number, never reused; a
   * table deleted and made anew (iptables-restore) starts again at 1.
   */
  readonly nextHandle?: number;
  /** Present when chains are shared with a template table (see HandleShift). */
  readonly shift?: HandleShift;
}

/** The shift of `chain`'s handles in `table`, when it is a chain the table shares with its template. */
export function shiftOf(table: Table, chain: Chain): HandleShift | undefined {
  const s = table.shift;
  return s !== undefined && chain.kind === 'user' && s.template.get(chain.name) === chain ? s : undefined;
}

/** How many steps of the shift start at or before template handle `h`. */
function stepsUpTo(s: HandleShift, h: number): number {
  const from = s.from;
  let lo = 0;
  let hi = from.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (from[mid]! <= h) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A template handle as the table numbers it. */
export function shifted(s: HandleShift, h: number): number {
  const k = stepsUpTo(s, h);
  return k === 0 ? h : h + s.by[k - 1]!;
}

/** Whether template handles h .. h+n-1 all take the same shift (they stay a run). */
export function shiftedAlike(s: HandleShift, h: number, n: number): boolean {
  const k = stepsUpTo(s, h);
  return k === s.from.length || s.from[k]! > h + n - 1;
}

/** The chain's own nf_tables handle in the table (0 while a built-in chain is not created). */
export function chainHandle(table: Table, chain: Chain): number {
  const h = chain.handle ?? 0;
  const s = shiftOf(table, chain);
  return s === undefined || h === 0 ? h : shifted(s, h);
}

/** The nf_tables handle of a chain's i-th rule in the table (0 when unknown). */
export function ruleHandle(table: Table, chain: Chain, i: number): number {
  const h = rawRuleHandle(chain, i);
  const s = shiftOf(table, chain);
  return s === undefined || h === 0 ? h : shifted(s, h);
}

/** The handle a chain's i-th rule keeps in its fields (see HandleShift). */
const rawRuleHandle = (chain: Chain, i: number): number =>
  chain.handles !== undefined
    ? (chain.handles[i] ?? 0)
    : chain.handle0 !== undefined && i < chain.rules.length
      ? chain.handle0 + i
      : 0;

/**
 * The chain's rule handles as the table numbers them, as a chain's fields
 * keep them: a run from `handle0` while they follow one another, else a
 * list (one of them undefined, or both for a chain that keeps none).
 */
export function handlesIn(
  table: Table,
  chain: Chain,
): { handles: readonly number[] | undefined; handle0: number | undefined } {
  const s = shiftOf(table, chain);
  if (s === undefined) return { handles: chain.handles, handle0: chain.handle0 };
  if (chain.handles !== undefined)
    return { handles: chain.handles.map((h) => shifted(s, h)), handle0: undefined };
  const h0 = chain.handle0;
  const n = chain.rules.length;
  if (h0 === undefined || shiftedAlike(s, h0, n))
    return { handles: undefined, handle0: h0 === undefined ? undefined : shifted(s, h0) };
  return { handles: Array.from({ length: n }, (_, i) => shifted(s, h0 + i)), handle0: undefined };
}

export const newCounters = (packets = 0n, bytes = 0n): Counters => new Counters(packets, bytes);

/** Every rule's handle in the table, in order (what `ruleHandle` reads, as one list). */
export const ruleHandles = (table: Table, chain: Chain): number[] =>
  chain.rules.map((_, i) => ruleHandle(table, chain, i));
