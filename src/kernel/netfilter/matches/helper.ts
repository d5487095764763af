import type { MatchImpl } from '../context.js';

/**
 * helper_mt (xt_helper.c): whether the packet's connection was expected
 * by a connection whose helper (ftp, sip, ...) has the rule's name. The
 * twin has no conntrack helpers, so no connection has a master with one:
 * the answer is always the no-helper one, false, or true with `!` (as on
 * Linux when no helper is assigned, nf_conntrack_helper being 0).
 */
export const helper: MatchImpl = {
  match: (_packet, _ctx, m) => Boolean(m.data.inv),
};
