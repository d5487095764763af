import type { Ipv4Packet } from '../../net/packet.js';
import type { Link } from '../link/link.js';
import type { AddrMatch, Chain, Counters, IfaceMatch, Rule, Table } from './types.js';
import type { NfCtx } from './context.js';
import { MATCHES } from './matches/index.js';
import { TARGETS } from './targets/index.js';

/** What a table decides for the packet at one hook. */
export type TableVerdict = 'ACCEPT' | 'DROP';

/** Deeper than any acyclic graph nft_table_validate admits (NFT_JUMP_STACK_SIZE). */
const JUMP_STACK_SIZE = 16;

const bump = (c: Counters, bytes: number) => {
  c.packets += 1n;
  c.bytes += BigInt(bytes);
};

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

/** ip_packet_match plus the rule's match extensions, in order. */
export function ruleMatches(rule: Rule, packet: Ipv4Packet, ctx: NfCtx): boolean {
  if (!addrOk(rule.src, packet.src) || !addrOk(rule.dst, packet.dst)) return false;
  if (!ifaceOk(rule.inIface, ctx.in) || !ifaceOk(rule.outIface, ctx.out)) return false;
  if (rule.proto !== 0 && (packet.protocol === rule.proto) === rule.protoInvert) return false;
  // Fragments are never emulated: every packet is a first (or only) fragment.
  if (rule.fragment && !rule.fragment.invert) return false;
  for (const m of rule.matches) {
    const impl = MATCHES.get(m.name);
    // An extension with no kernel side yet never matches, so it cannot widen a rule.
    if (!impl || !impl.match(packet, ctx, m)) return false;
  }
  return true;
}

/**
 * ipt_do_table / nft_do_chain for one table at ctx.hook: first match wins;
 * a jump pushes the return point, a goto does not; RETURN (or the end of a
 * user chain) pops; the end of the built-in chain applies its policy and
 * counts it. Rule counters take the IP total length as the kernel's
 * skb->len. A built-in chain that was never created in the kernel is not
 * on the hook at all.
 */
export function doTable(table: Table, ctx: NfCtx): TableVerdict {
  const base = table.builtins.find((c) => c.name === ctx.hook);
  if (!base || !base.hooked) return 'ACCEPT';
  const stack: { rules: readonly Rule[]; next: number }[] = [];
  let rules: readonly Rule[] = base.rules;
  let i = 0;
  for (;;) {
    if (i >= rules.length) {
      const back = stack.pop();
      if (back) {
        ({ rules, next: i } = back);
        continue;
      }
      if (base.policyStats) bump(base.counters, ctx.packet.totalLength);
      return base.policy;
    }
    const rule = rules[i];
    const packet = ctx.packet;
    if (!ruleMatches(rule, packet, ctx)) {
      i++;
      continue;
    }
    bump(rule.counters, packet.totalLength);
    const v = rule.verdict;
    switch (v.kind) {
      case 'none':
        i++;
        continue;
      case 'standard':
        if (v.verdict !== 'RETURN') return v.verdict;
        i = rules.length;
        continue;
      case 'jump': {
        const chain: Chain | undefined = table.user.get(v.chain);
        if (!chain) return 'DROP';
        if (!v.goto) {
          if (stack.length >= JUMP_STACK_SIZE) return 'DROP';
          stack.push({ rules, next: i + 1 });
        }
        rules = chain.rules;
        i = 0;
        continue;
      }
      case 'target': {
        const impl = TARGETS.get(v.target.name);
        const verdict = impl ? impl.action(packet, ctx, v.target) : 'CONTINUE';
        if (verdict !== 'CONTINUE') return verdict;
        i++;
        continue;
      }
    }
  }
}
