import type { MatchImpl, NfCtx } from '../context.js';
import { MATCHES } from '../matches/index.js';
import { comment } from '../matches/misc.js';
import type { Rule, Table, UserChain, XtModule } from '../types.js';
import type { Dim, Key } from './dims.js';
import { DIMS, NO_KEY } from './dims.js';

/** A run of rules that all need one key on one dimension: the key picks the only ones worth trying. */
interface Block {
  readonly end: number;
  readonly dim: Dim;
  /** The class of its rules' keys (Dim.ruleClass: the mask, where keys have one). */
  readonly cls: number;
  /** Key → the block's rule with that key, or its rules ascending (chain order) when there are several. */
  readonly byKey: ReadonlyMap<Key, number | Int32Array>;
}

/**
 * What the walk checks of a rule: the ip header part (-s -d -i -o -p -f)
 * only when it tests anything, then its match extensions but comments
 * (which always match), each with its implementation looked up once: the
 * names come from parsed text, and a Map lookup by such a name costs more
 * than most matches do.
 */
export interface RuleCheck {
  readonly header: boolean;
  readonly impls: readonly (MatchImpl | undefined)[];
  readonly mods: readonly XtModule[];
}

function ruleCheck(r: Rule): RuleCheck {
  const impls: (MatchImpl | undefined)[] = [];
  const mods: XtModule[] = [];
  for (const m of r.matches) {
    const impl = MATCHES.get(m.name);
    if (impl === comment) continue;
    impls.push(impl);
    mods.push(m);
  }
  const header =
    r.src !== null ||
    r.dst !== null ||
    r.inIface !== null ||
    r.outIface !== null ||
    r.proto !== 0 ||
    r.fragment;
  return { header: Boolean(header), impls, mods };
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
  /** Per rule, what the walk checks of it (`check`): made on its first evaluation, as most rules of a long chain never are. */
  private readonly checks: (RuleCheck | undefined)[];

  private constructor(
    private readonly rules: readonly Rule[],
    /** Per rule: its block, or -1 for a rule walked on its own. */
    private readonly blockOf: Int32Array,
    private readonly blocks: readonly Block[],
  ) {
    this.indexed = blocks.length > 0;
    this.checks = new Array<RuleCheck | undefined>(rules.length);
  }

  /** What the walk checks of rule `i`. */
  check(i: number): RuleCheck {
    return this.checks[i] ?? (this.checks[i] = ruleCheck(this.rules[i]));
  }

  /**
   * The plan for `rules`: indexed runs where some are long enough. At each
   * rule the dimension with the longest run of one class from there is
   * taken (the earlier in DIMS on a tie); a dimension is scanned only
   * when it could beat the best so far. Most rules of a long chain are
   * never evaluated, so no per-rule state is made here.
   */
  static compile(rules: readonly Rule[]): ChainPlan {
    const n = rules.length;
    const blockOf = new Int32Array(n).fill(-1);
    const blocks: Block[] = [];
    for (let i = 0; n >= MIN_BLOCK && i <= n - MIN_BLOCK;) {
      let best: Dim | null = null;
      let len = MIN_BLOCK - 1;
      let cls = NO_KEY;
      for (let d = 0; d < DIMS.length && len < n - i; d++) {
        const dim = DIMS[d];
        const first = dim.ruleClass(rules[i]);
        // A longer run than the best so far needs the rule that ended that one too: most dimensions
        // are ruled out by it without a scan (KUBE-SERVICES' last rule has no address, port or protocol).
        if (first === NO_KEY || (best !== null && dim.ruleClass(rules[i + len]) !== first)) continue;
        let j = i + 1;
        while (j < n && dim.ruleClass(rules[j]) === first) j++;
        if (j - i > len) {
          best = dim;
          len = j - i;
          cls = first;
        }
      }
      if (best === null) {
        i++;
        continue;
      }
      // Most keys of a block have one rule (a ClusterIP each): its index, not an array of one.
      const byKey = new Map<Key, number | Int32Array>();
      const several = new Map<Key, number[]>();
      for (let j = i; j < i + len; j++) {
        const k = best.ruleKey(rules[j]);
        const had = byKey.get(k);
        if (had === undefined) byKey.set(k, j);
        else {
          const list = several.get(k);
          if (list) list.push(j);
          else several.set(k, [had as number, j]);
        }
        blockOf[j] = blocks.length;
      }
      for (const [k, list] of several) byKey.set(k, Int32Array.from(list));
      blocks.push({ end: i + len, dim: best, cls, byKey });
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
    const n = this.blockOf.length;
    while (i < n) {
      const to = this.ruledOut(i, ctx);
      if (to === i) return i;
      i = to;
    }
    return n;
  }

  /**
   * The end of the rules from `i` (< rules.length) on that rule i's block
   * rules out for ctx.packet: i itself when rule i may match or is walked
   * on its own, else the block's next rule with the packet's key or the
   * block's end. None of the rules before it can match, and all fail on
   * the block's dimension (`dimOf`).
   */
  ruledOut(i: number, ctx: NfCtx): number {
    const b = this.blockOf[i];
    if (b < 0) return i;
    const block = this.blocks[b];
    const key = block.dim.packetKey(ctx.packet, ctx, block.cls);
    const hit = key === null ? undefined : block.byKey.get(key);
    if (typeof hit === 'number') {
      if (hit >= i) return hit;
    } else if (hit !== undefined) {
      const at = firstAtLeast(hit, i);
      if (at < hit.length) return hit[at];
    }
    return block.end;
  }

  /** The dimension rule `i` is indexed on, or null when it is walked on its own. */
  dimOf(i: number): Dim | null {
    const b = this.blockOf[i];
    return b === undefined || b < 0 ? null : this.blocks[b].dim;
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
