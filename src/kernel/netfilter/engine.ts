import type { Ipv4Packet } from '../../net/packet.js';
import type { Link } from '../link/link.js';
import type {
  AddrMatch,
  BuiltinChain,
  Chain,
  Counters,
  IfaceMatch,
  Rule,
  Table,
  TableName,
} from './types.js';
import type { MatchImpl, NfCtx } from './context.js';
import { MATCHES } from './matches/index.js';
import { comment } from './matches/misc.js';
import { TARGETS } from './targets/index.js';
import type { Mismatch, NfTrace } from '../trace/nf-trace.js';
import { NftTracer } from './nftrace.js';
import type { ChainPlan } from './compile/index.js';
import { planFor } from './compile/index.js';
import { counted, ownChain, sharedLists, UNCOUNTED } from './intern.js';

/** What a table decides for the packet at one hook. */
export type TableVerdict = 'ACCEPT' | 'DROP';

/** Deeper than any acyclic graph nft_table_validate admits (NFT_JUMP_STACK_SIZE). */
const JUMP_STACK_SIZE = 16;

const bump = (c: Counters, bytes: number) => c.add(bytes);

function addrOk(m: AddrMatch | null, addr: number): boolean {
  if (!m) return true;
  return ((addr & m.mask) >>> 0 === m.addr >>> 0) !== m.invert;
}

/** ifname compare with `+` as a prefix wildcard; a missing device has the empty name. */
function ifaceOk(m: IfaceMatch | null, dev: Link | null): boolean {
  if (!m) return true;
  const name = dev?.name ?? '';
  const hit = m.name.endsWith('+') ? name.startsWith(m.name.slice(0, -1)) : name === m.name;
  return hit !== m.invert;
}

/** ip_packet_match: the flag of the rule's ip header part the packet fails, or null. */
function headerMismatch(rule: Rule, packet: Ipv4Packet, ctx: NfCtx): Mismatch | null {
  // The packet's fields are read only when the rule tests them: packets come in
  // many shapes, and each read is a lookup V8 cannot specialise.
  if (rule.src !== null && !addrOk(rule.src, packet.src)) return '-s';
  if (rule.dst !== null && !addrOk(rule.dst, packet.dst)) return '-d';
  if (rule.inIface !== null && !ifaceOk(rule.inIface, ctx.in)) return '-i';
  if (rule.outIface !== null && !ifaceOk(rule.outIface, ctx.out)) return '-o';
  if (rule.proto !== 0 && (packet.protocol === rule.proto) === rule.protoInvert) return '-p';
  // Fragments are never emulated: every packet is a first (or only) fragment.
  if (rule.fragment && !rule.fragment.invert) return '-f';
  return null;
}

/**
 * ruleMatches for rule `i` of a compiled chain: the ip header part only
 * when the rule has one, then the extensions the plan keeps (comments
 * left out), each with its implementation.
 */
function planMatches(plan: ChainPlan, i: number, rule: Rule, packet: Ipv4Packet, ctx: NfCtx): boolean {
  const check = plan.check(i);
  if (check.header && headerMismatch(rule, packet, ctx) !== null) return false;
  const impls = check.impls;
  const mods = check.mods;
  for (let k = 0; k < impls.length; k++) {
    const impl = impls[k];
    // An extension with no kernel side yet never matches, so it cannot widen a rule.
    if (impl === undefined || !impl.match(packet, ctx, mods[k])) return false;
  }
  return true;
}

/**
 * ip_packet_match plus the rule's match extensions, in order. `impls`:
 * the extensions' implementations looked up beforehand (a compiled
 * chain's), else each is looked up by name.
 */
export function ruleMatches(
  rule: Rule,
  packet: Ipv4Packet,
  ctx: NfCtx,
  impls?: readonly (MatchImpl | undefined)[],
): boolean {
  return ruleMismatch(rule, packet, ctx, impls) === null;
}

/** The first part of `rule` the packet fails (an ip header flag or the extension), or null when it matches. */
export function ruleMismatch(
  rule: Rule,
  packet: Ipv4Packet,
  ctx: NfCtx,
  impls?: readonly (MatchImpl | undefined)[],
): Mismatch | null {
  const header = headerMismatch(rule, packet, ctx);
  if (header !== null) return header;
  const matches = rule.matches;
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k];
    const impl = impls ? impls[k] : MATCHES.get(m.name);
    // A comment always matches (most of kube-proxy's rules carry one): no call for it.
    if (impl === comment) continue;
    // An extension with no kernel side yet never matches, so it cannot widen a rule.
    if (!impl || !impl.match(packet, ctx, m)) return m;
  }
  return null;
}

/**
 * ipt_do_table / nft_do_chain for one table at ctx.hook: first match wins;
 * a jump pushes the return point, a goto does not; RETURN (or the end of a
 * user chain) pops; the end of the built-in chain applies its policy and
 * counts it. Rule counters take the IP total length as the kernel's
 * skb->len. A built-in chain that was never created in the kernel is not
 * on the hook at all. While someone listens for nf_tables traces, each
 * matching rule and the policy of a packet marked by TRACE is reported
 * with its handle (nft_trace_packet); a chain's end or a RETURN is not.
 */
export function doTable(table: Table, ctx: NfCtx, done?: () => boolean): TableVerdict {
  const base = builtinOf(table, ctx.hook);
  const hooked = base !== undefined && base.hooked === true;
  if (table.foreign === undefined) return hooked ? doBase(table, base, base, ctx) : 'ACCEPT';
  return doBases(table, hooked ? base : undefined, ctx, done);
}

/** The table's built-in chain of `hook` (a loop, not find(): a closure per table walked is garbage). */
function builtinOf(table: Table, hook: string): BuiltinChain | undefined {
  const builtins = table.builtins;
  for (let k = 0; k < builtins.length; k++) if (builtins[k].name === hook) return builtins[k];
  return undefined;
}

/**
 * Every base chain of the table on the hook, when some built-in was
 * renamed (Table.foreign): each is a hook of its own, and at equal
 * priority nf_hook_entries_grow puts the newest before the older ones
 * (measured: a recreated INPUT counts a packet the renamed one then
 * drops). ACCEPT goes on to the next; `done` stops early (the nat hook,
 * once the flow has its binding).
 */
function doBases(
  table: Table,
  base: BuiltinChain | undefined,
  ctx: NfCtx,
  done?: () => boolean,
): TableVerdict {
  const bases: { at: Chain; policy: BasePolicy; handle: number }[] = [];
  if (base) bases.push({ at: base, policy: base, handle: base.handle ?? 0 });
  for (const f of table.foreign ?? []) {
    if (f.hook !== ctx.hook) continue;
    // The rules as a chain the tracers know (name, rules, handles).
    const at: Chain = {
      kind: 'user',
      name: f.name,
      rules: f.rules,
      handle: f.handle,
      handles: f.handles,
      handle0: f.handle0,
    };
    bases.push({ at, policy: f, handle: f.handle ?? 0 });
  }
  bases.sort((a, b) => b.handle - a.handle);
  for (const b of bases) {
    if (doBase(table, b.at, b.policy, ctx) === 'DROP') return 'DROP';
    if (done?.()) break;
  }
  return 'ACCEPT';
}

/** What a base chain ends with: its policy, counted when it has policy counters. */
type BasePolicy = Pick<BuiltinChain, 'policy' | 'policyStats' | 'counters'>;

/** A return point of the jump stack. */
interface Frame {
  rules: readonly Rule[];
  next: number;
  chain: string;
  at: Chain;
  plan: ChainPlan | null;
}

/**
 * The jump stacks of every walk in progress, one above the other (a target
 * may send a packet that walks a table meanwhile): frames are reused, so a
 * jump allocates nothing once the stack has been that deep.
 */
const frames: Frame[] = [];
let depth = 0;
/** How deep the stack went since the outermost walk began: the frames doBase clears when it ends. */
let highest = 0;

/** One base chain's walk (the chain `start`, ending in `base`'s policy). */
function doBase(table: Table, start: Chain, base: BasePolicy, ctx: NfCtx): TableVerdict {
  const bottom = depth;
  try {
    return walk(table, start, base, ctx, bottom);
  } finally {
    // A replaced ruleset must not stay reachable from a reused frame.
    for (let k = bottom; k < highest; k++) {
      const f = frames[k];
      f.rules = EMPTY;
      f.at = NO_CHAIN;
      f.plan = null;
    }
    highest = depth = bottom;
  }
}

/**
 * A traced packet's next rule from `i`: the plan's next one, each run of
 * rules the index rules out on the way told as one step (10,000 rules of
 * KUBE-SERVICES would be 10,000 steps); every rule it may match is then
 * evaluated and reported one by one.
 */
function reportRuledOut(
  plan: ChainPlan,
  rules: readonly Rule[],
  i: number,
  ctx: NfCtx,
  tr: NfTrace,
  table: TableName,
  chain: string,
): number {
  while (i < rules.length) {
    const to = plan.ruledOut(i, ctx);
    if (to === i) break;
    tr.ruledOut(table, chain, i + 1, to, plan.dimOf(i)!.flag);
    i = to;
  }
  return i;
}

/** What a cleared frame holds (never read: a frame is written before it is popped). */
const EMPTY: readonly Rule[] = [];
const NO_CHAIN = null as unknown as Chain;

function walk(table: Table, start: Chain, base: BasePolicy, ctx: NfCtx, bottom: number): TableVerdict {
  // Set only while the packet is traced (see kernel/trace): one branch per step otherwise.
  const tr = ctx.trace;
  const nt = NftTracer.for(ctx, table);
  let at: Chain = start;
  let rules: readonly Rule[] = start.rules;
  // The chain's indexed dispatch (compile/): skips only rules that cannot match.
  let plan = planFor(rules);
  let chain: string = start.name;
  let i = 0;
  tr?.chain(table.name, chain, 'hook');
  for (;;) {
    if (plan !== null && plan.indexed)
      i = tr ? reportRuledOut(plan, rules, i, ctx, tr, table.name, chain) : plan.next(i, ctx);
    if (i >= rules.length) {
      if (depth > bottom) {
        const back = frames[--depth];
        rules = back.rules;
        i = back.next;
        chain = back.chain;
        at = back.at;
        plan = back.plan;
        tr?.chain(table.name, chain, 'return');
        continue;
      }
      if (base.policyStats) bump(base.counters, ctx.packet.totalLength);
      tr?.verdict(table.name, chain, 0, base.policy, base.policy, base.policyStats ? base.counters : null);
      nt?.policy(chain, base.policy);
      return base.policy;
    }
    let rule = rules[i];
    const packet = ctx.packet;
    if (tr) {
      const miss = ruleMismatch(rule, packet, ctx);
      tr.rule(table.name, chain, i + 1, rule, miss);
      if (miss !== null) {
        i++;
        continue;
      }
    } else if (plan !== null ? !planMatches(plan, i, rule, packet, ctx) : !ruleMatches(rule, packet, ctx)) {
      i++;
      continue;
    }
    // A rule restored from text other namespaces share has no counters until its first hit (intern.ts).
    if (rule.counters === UNCOUNTED) {
      // In a list other namespaces' tables hold as well: the chain becomes this table's own first.
      if (sharedLists.has(rules)) {
        at = ownChain(table, at);
        rules = at.rules;
      }
      rule = counted(rules, i);
    }
    bump(rule.counters, packet.totalLength);
    const v = rule.verdict;
    switch (v.kind) {
      case 'none':
        tr?.verdict(table.name, chain, i + 1, '', 'CONTINUE', rule.counters);
        nt?.rule(at, i, 'CONTINUE');
        i++;
        continue;
      case 'standard':
        tr?.verdict(
          table.name,
          chain,
          i + 1,
          v.verdict,
          v.verdict === 'RETURN' ? 'CONTINUE' : v.verdict,
          rule.counters,
        );
        nt?.rule(at, i, v.verdict);
        if (v.verdict !== 'RETURN') return v.verdict;
        i = rules.length;
        continue;
      case 'jump': {
        const target: Chain | undefined =
          plan !== null ? plan.jumpTarget(table, i, v.chain) : table.user.get(v.chain);
        const overflow = !v.goto && depth - bottom >= JUMP_STACK_SIZE;
        const jumped = target && !overflow ? 'CONTINUE' : 'DROP';
        tr?.verdict(
          table.name,
          chain,
          i + 1,
          `${v.goto ? 'goto' : 'jump'} ${v.chain}`,
          jumped,
          rule.counters,
        );
        nt?.rule(at, i, v.goto ? 'GOTO' : 'JUMP', v.chain);
        if (!target || overflow) return 'DROP';
        if (!v.goto) {
          const f = frames[depth];
          if (f === undefined) frames.push({ rules, next: i + 1, chain, at, plan });
          else {
            f.rules = rules;
            f.next = i + 1;
            f.chain = chain;
            f.at = at;
            f.plan = plan;
          }
          depth++;
          if (depth > highest) highest = depth;
        }
        at = target;
        rules = target.rules;
        plan = planFor(rules);
        chain = target.name;
        i = 0;
        tr?.chain(table.name, chain, v.goto ? 'goto' : 'jump');
        continue;
      }
      case 'target': {
        const impl = TARGETS.get(v.target.name);
        const verdict = impl ? impl.action(packet, ctx, v.target) : 'CONTINUE';
        tr?.verdict(table.name, chain, i + 1, v.target.name, verdict, rule.counters);
        nt?.rule(at, i, verdict);
        if (verdict !== 'CONTINUE') return verdict;
        i++;
        continue;
      }
    }
  }
}
