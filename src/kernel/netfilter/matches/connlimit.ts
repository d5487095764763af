import type { MatchImpl } from '../context.js';
import type { XtModule } from '../types.js';
import type { Tuple } from '../conntrack/tuple.js';
import { tupleEqual, tupleOf } from '../conntrack/tuple.js';
import { nfctOf } from '../conntrack/skb.js';
import type { ConntrackTable } from '../conntrack/table.js';
import { conntrackTable } from '../conntrack/table.js';
import { maskOf } from '../../../net/ipv4.js';

/** The original tuples counted for one masked address (struct nf_conncount_list). */
type Counted = Tuple[];

/** xt_connlimit_info.data: the rule instance's nf_conncount tree, by masked address. */
const trees = new WeakMap<XtModule, Map<number, Counted>>();

/**
 * __nf_conncount_add: drop the tuples whose connection is gone or closed
 * (TCP TIME_WAIT/CLOSE), then add this one unless a live entry already
 * holds it. The count after that.
 */
function countAdd(list: Counted, tuple: Tuple, table: ConntrackTable): number {
  let present = false;
  for (let k = list.length - 1; k >= 0; k--) {
    const found = table.find(list[k]);
    if (!found) {
      list.splice(k, 1);
      continue;
    }
    if (tupleEqual(list[k], tuple)) present = true;
    else if (closed(found.conn.tcp?.state)) list.splice(k, 1);
  }
  if (!present) list.push(tuple);
  return list.length;
}

const closed = (state: string | undefined) => state === 'TIME_WAIT' || state === 'CLOSE';

/**
 * connlimit_mt (xt_connlimit.c): the connections counted by this rule for
 * the packet's source (or destination) address under the mask, this
 * packet's own connection included, against the limit: above it matches,
 * or at most it with `--connlimit-upto` (XT_CONNLIMIT_INVERT). A
 * connection is counted from the first packet of it this rule sees until
 * conntrack forgets it (a dropped first packet's entry is never
 * confirmed, so it is forgotten at the next count).
 */
export const connlimit: MatchImpl = {
  match(packet, ctx, m) {
    const nfct = nfctOf(packet, ctx.netns);
    const tuple = nfct && 'conn' in nfct ? nfct.conn.orig : tupleOf(packet);
    if (!tuple) return false;
    const d = m.data;
    const key = ((d.daddr ? packet.dst : packet.src) & maskOf(d.mask as number)) >>> 0;
    let tree = trees.get(m);
    if (!tree) trees.set(m, (tree = new Map()));
    let list = tree.get(key);
    if (!list) tree.set(key, (list = []));
    const count = countAdd(list, tuple, conntrackTable(ctx.netns));
    return count > (d.limit as number) !== Boolean(d.upto);
  },
};
