/**
 * parseFastRule through the world's rule intern (kernel/netfilter/intern.ts):
 * a line restored before, in any namespace, is not parsed again: it gives
 * the same rule (no counters of its own until a packet hits it). A line
 * parsed for the first time is parsed from a flat copy (unless `own`: the
 * line is a string of its own already), so that what the rule keeps of its
 * text does not keep the whole restore input alive.
 *
 * A world of one namespace has no other to share its rules with: its
 * restores leave the intern alone (a lookup and a kept line per rule, a
 * tenth of a 100k-rule restore), and make the same rules, shared ones
 * without counters of their own as well.
 */
import type { Netns } from '../../kernel/netns.js';
import type { TableName } from '../../kernel/netfilter/types.js';
import { flat, ruleIntern, UNCOUNTED, unshared } from '../../kernel/netfilter/intern.js';
import { parseFastRule, type FastRule, type JumpTo } from './fast-rule.js';
import type { ChainExists } from './parse-args.js';

/** A namespace with no other in its world to share rules or chain names with. */
const alone = (netns: Netns): boolean => netns === netns.world.root && netns.world.named.size === 0;

export function internedFastRule(
  line: string,
  table: TableName,
  chainExists: ChainExists,
  netns: Netns,
  own = false,
  jumpTo?: JumpTo,
): FastRule | null {
  if (alone(netns)) {
    const fast = parseFastRule(own ? line : flat(line), table, chainExists, netns, UNCOUNTED, jumpTo);
    return fast && unshared(fast);
  }
  const intern = ruleIntern(netns.world);
  const known = intern.get(table, line);
  if (known) {
    const v = known.rule.verdict;
    // `-j CHAIN` parses as a jump only while the chain exists (else parseFastRule refuses the line).
    return v.kind === 'jump' && !chainExists(table, v.chain) ? null : known;
  }
  const text = own ? line : flat(line);
  // Parsed to be shared (put gives a rule that is not shareable counters of its own).
  const fast = parseFastRule(text, table, chainExists, netns, UNCOUNTED, jumpTo);
  return fast && intern.put(table, text, fast);
}

/** Chain names restores declared, each kept once as a flat string (see chainName). */
const names = new Map<string, string>();
/** Beyond this many names the map starts over (a safety bound; a 1,000-node cluster's nodes declare ~120,000). */
const MAX_NAMES = 1_000_000;

/**
 * The name of a chain a restore declares, as a string of its own: the
 * name read from the line is a slice of the restore's whole input, which
 * a chain keeping it would keep alive (tens of MB per node), unless `own`:
 * it is a slice of a line that is a string of its own. Names are shared by
 * every table declaring them, in every namespace of a world that has
 * several (one alone keeps such a name as it is).
 */
export function chainName(name: string, own = false, netns?: Netns): string {
  if (own && netns !== undefined && alone(netns)) return name;
  let kept = names.get(name);
  if (kept === undefined) {
    if (names.size >= MAX_NAMES) names.clear();
    names.set((kept = own ? name : flat(name)), kept);
  }
  return kept;
}
