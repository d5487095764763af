import type { MatchImpl, NfCtx } from '../context.js';
import { MATCHES } from '../matches/index.js';
import type { Rule, Table, UserChain, XtModule } from '../types.js';
import type { Dim, Key } from './dims.js';
import { DIMS } from './dims.js';

/** A run of rules that all need one key on one dimension: the key picks the only ones worth trying. */
interface Block {
  readonly end: number;
  readonly dim: Dim;
  readonly mask: number;
  /** Key → the block's rule indices with that key, ascending (chain order). */
  readonly byKey: ReadonlyMap<Key, Int32Array>;
}

/** Shorter runs are walked rule by rule: a hash lookup costs more than a few failed compares. */
export const MIN_BLOCK = 8;

/**
 * A chain compiled into indexed dispatch. The chain is cut into runs:
 * a rule nothing indexes stays a rule of its own, and each long enough
 * run of rules keyed on one dimension (every `-d X/32` of KUBE-SERVICES,
 * every `--dport` of KUBE-NODEPORTS) becomes a hash from key to the
 * run's rules with that key. `next` gives the first rule at or after
 * an index that the packet could match: the walker still evaluates that
 * rule in full, counts it and runs its target, so first-match order,
 * counters and every side effect are the linear walk's. The packet is
 * read at each call, so a MARK or a sub-chain that changed it mid-run
 * is seen at once.
 */
export class ChainPlan {
  /** Whether any run is indexed (else `next` has nothing to skip). */
  readonly indexed: boolean;
  /**
   * Per rule, its match extensions' implementations, looked up once: the
   * names come from parsed text, and a Map lookup by such a name costs
   * more than most matches do.
   */
  readonly impls: readonly (readonly (MatchImpl | undefined)[])[];

  private constructor(
    rules: readonly Rule[],
    /** Per rule: its block, or -1 for a rule walked on its own. */
    private readonly blockOf: Int32Array,
    private readonly blocks: readonly Block[],
  ) {
    this.indexed = blocks.length > 0;
    this.impls = rules.map((r) => r.matches.map((m) => MATCHES.get(m.name)));
    const comment = MATCHES.get('comment');
    this.header = Uint8Array.from(rules, (r) =>
      r.src !== null ||
      r.dst !== null ||
      r.inIface !== null ||
      r.outIface !== null ||
      r.proto !== 0 ||
      r.fragment
        ? 1
        : 0,
    );
    this.checkImpls = this.impls.map((impls) => impls.filter((impl) => impl !== comment));
    this.checkMods = rules.map((r, i) => r.matches.filter((_, k) => this.impls[i][k] !== comment));
  }

  /** Per rule: 1 when its ip header part tests anything (-s -d -i -o -p -f). */
  readonly header: Uint8Array;
  /**
   * Per rule, the match extensions the walk calls, in order, and their
   * implementations: all but comments, which always match.
   */
  readonly checkImpls: readonly (readonly (MatchImpl | undefined)[])[];
  readonly checkMods: readonly (readonly XtModule[])[];

  /** The plan for `rules`: indexed runs where some are long enough, and each rule's match implementations. */
  static compile(rules: readonly Rule[]): ChainPlan {
    const n = rules.length;
    if (n < MIN_BLOCK) return new ChainPlan(rules, new Int32Array(n).fill(-1), []);
    const keys = DIMS.map((d) => rules.map((r) => d.ruleKey(r)));
    // runs[d][i]: how many rules from i on share the class of rule i on dimension d.
    const runs = keys.map((ks) => {
      const run = new Int32Array(n + 1);
      for (let i = n - 1; i >= 0; i--) {
        const k = ks[i];
        run[i] = k === null ? 0 : ks[i + 1]?.cls === k.cls ? run[i + 1] + 1 : 1;
      }
      return run;
    });
    const blockOf = new Int32Array(n).fill(-1);
    const blocks: Block[] = [];
    for (let i = 0; i < n;) {
      let best = 0;
      for (let d = 1; d < DIMS.length; d++) if (runs[d][i] > runs[best][i]) best = d;
      const len = runs[best][i];
      if (len < MIN_BLOCK) {
        i++;
        continue;
      }
      const byKey = new Map<Key, number[]>();
      for (let j = i; j < i + len; j++) {
        const k = keys[best][j]!.key;
        let list = byKey.get(k);
        if (!list) byKey.set(k, (list = []));
        list.push(j);
        blockOf[j] = blocks.length;
      }
      const frozen = new Map<Key, Int32Array>();
      for (const [k, list] of byKey) frozen.set(k, Int32Array.from(list));
      blocks.push({ end: i + len, dim: DIMS[best], mask: keys[best][i]!.mask, byKey: frozen });
      i += len;
    }
    return new ChainPlan(rules, blockOf, blocks);
  }

  /** The chains `targets` were resolved in (a table's user map), and per rule index its jump target (null: no such chain). */
  private targetsOf: Table['user'] | null = null;
  private targets: (UserChain | null | undefined)[] = [];

  /**
   * The chain rule `i` jumps to in `table`, looked up once: the name is
   * looked up among 40,000 chains otherwise, for every packet (and names
   * cut from a restore's input compare slowly). A table's chains change
   * only by a commit or by the packet path taking a shared chain as its own
   * (intern.ts ownChain), each a new map; a plan used from another map
   * starts over.
   */
  jumpTarget(table: Table, i: number, chain: string): UserChain | undefined {
    if (this.targetsOf !== table.user) {
      this.targetsOf = table.user;
      this.targets = [];
    }
    let target = this.targets[i];
    if (target === undefined) this.targets[i] = target = table.user.get(chain) ?? null;
    return target ?? undefined;
  }

  /** How many rules the plan indexes and in how many blocks (for the bench's notes). */
  get stats(): { readonly blocks: number; readonly indexed: number } {
    let indexed = 0;
    for (const b of this.blockOf) if (b >= 0) indexed++;
    return { blocks: this.blocks.length, indexed };
  }

  /** The first rule at or after `i` that may match ctx.packet (rules.length when none). */
  next(i: number, ctx: NfCtx): number {
    const blockOf = this.blockOf;
    const n = blockOf.length;
    while (i < n) {
      const b = blockOf[i];
      if (b < 0) return i;
      const block = this.blocks[b];
      const key = block.dim.packetKey(ctx.packet, ctx, block.mask);
      const list = key === null ? undefined : block.byKey.get(key);
      if (list !== undefined) {
        const at = firstAtLeast(list, i);
        if (at < list.length) return list[at];
      }
      i = block.end;
    }
    return n;
  }
}

/** The position of the first element >= x in an ascending list (its length when none). */
function firstAtLeast(list: Int32Array, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
