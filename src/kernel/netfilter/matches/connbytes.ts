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

/**
 * The connbytes matches whose checkentry ran in a transaction not
 * committed yet (a rule refused later in the same batch stays here, and
 * only costs later commits a walk over their chains).
 */
const pending = new Set<XtModule>();

/** connbytes_mt_check, as a rule is added: its effect on accounting comes with the commit. */
export function connbytesCheck(ext: XtModule): boolean {
  pending.add(ext);
  return true;
}

const chainsOf = (t: Table) => [...t.builtins, ...t.user.values(), ...(t.foreign ?? [])];

/**
 * connbytes_mt_check's effect: a new connbytes rule turns accounting on
 * (nf_conntrack_acct = 1, "Forcing CT accounting to be enabled"), so
 * connections made from then on have counters. True when the committed
 * table holds a connbytes rule added since `before`. Only chains whose
 * rules changed are looked at, and only while a check is pending.
 */
export function connbytesForcesAcct(table: Table, before: Table | undefined): boolean {
  if (pending.size === 0) return false;
  const kept = new Set<readonly Rule[]>(before ? chainsOf(before).map((c) => c.rules) : []);
  let force = false;
  for (const chain of chainsOf(table)) {
    if (kept.has(chain.rules)) continue;
    for (const rule of chain.rules) for (const m of rule.matches) if (pending.delete(m)) force = true;
  }
  return force;
}
