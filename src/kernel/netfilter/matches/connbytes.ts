import type { MatchImpl } from '../context.js';
import type { Rule, Table, XtModule } from '../types.js';
import type { CtCounter } from '../conntrack/conn.js';
import { nfctOf } from '../conntrack/skb.js';

export type ConnbytesMode = 'packets' | 'bytes' | 'avgpkt';
export type ConnbytesDir = 'original' | 'reply' | 'both';

/** The counters of the direction(s) asked for: [packets, bytes]. */
function counted(acct: readonly [CtCounter, CtCounter], dir: ConnbytesDir): [number, number] {
  if (dir === 'original') return [acct[0].packets, acct[0].bytes];
  if (dir === 'reply') return [acct[1].packets, acct[1].bytes];
  return [acct[0].packets + acct[1].packets, acct[0].bytes + acct[1].bytes];
}

/**
 * connbytes_mt (xt_connbytes.c): the connection's acct counters (the
 * current packet already counted by conntrack) in packets, bytes or
 * bytes per packet, within [from, to]; with from above to (how
 * iptables stores `!`) outside [to, from]. No conntrack entry or no
 * acct extension: no match.
 */
export const connbytes: MatchImpl = {
  match(packet, ctx, m) {
    const nfct = nfctOf(packet, ctx.netns);
    const acct = nfct && 'conn' in nfct ? nfct.conn.acct : null;
    if (!acct) return false;
    const [pkts, bytes] = counted(acct, m.data.dir as ConnbytesDir);
    const mode = m.data.mode as ConnbytesMode;
    const what =
      mode === 'packets' ? pkts : mode === 'bytes' ? bytes : pkts === 0 ? 0 : Math.floor(bytes / pkts);
    // u64 bounds as numbers: exact up to 2^53, far beyond any counter here.
    const from = Number(m.data.from as string);
    const to = Number(m.data.to as string);
    if (to >= from) return what >= from && what <= to;
    return what < to || what > from;
  },
};

/** The connbytes matches whose checkentry already ran (a rule kept across commits is not checked again). */
const checked = new WeakSet<XtModule>();
/** The connbytes matches of one chain's rules, cached per immutable rules array. */
const inRules = new WeakMap<readonly Rule[], readonly XtModule[]>();

function connbytesOf(rules: readonly Rule[]): readonly XtModule[] {
  let found = inRules.get(rules);
  if (!found) {
    const list: XtModule[] = [];
    for (const rule of rules) for (const m of rule.matches) if (m.name === 'connbytes') list.push(m);
    inRules.set(rules, (found = list));
  }
  return found;
}

/**
 * connbytes_mt_check: a new connbytes rule turns accounting on
 * (nf_conntrack_acct = 1, "Forcing CT accounting to be enabled"), so
 * connections made from then on have counters. True when a rule of the
 * committed table is new and does so.
 */
export function connbytesForcesAcct(table: Table): boolean {
  let force = false;
  const chains = [...table.builtins, ...table.user.values(), ...(table.foreign ?? [])];
  for (const chain of chains)
    for (const m of connbytesOf(chain.rules))
      if (!checked.has(m)) {
        checked.add(m);
        force = true;
      }
  return force;
}
