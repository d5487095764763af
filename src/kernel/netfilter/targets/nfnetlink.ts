import type { TargetImpl } from '../context.js';

/**
 * NFLOG (xt_NFLOG.c nflog_tg): passes a copy to nfnetlink_log group N.
 * podpath has no netlink listener (no ulogd, no `tcpdump -i nflog:N`), so
 * only the rule's counters show it; the chain goes on.
 */
export const NFLOG: TargetImpl = {
  action: () => 'CONTINUE',
};

/**
 * NFQUEUE (xt_NFQUEUE.c, nf_queue): hands the packet to a userspace
 * program bound to the queue. None is ever bound here, so nf_queue fails:
 * the packet is dropped, or with --queue-bypass it leaves this table as
 * if accepted and goes on to the next hook function (NF_VERDICT_FLAG_QUEUE_BYPASS).
 */
export const NFQUEUE: TargetImpl = {
  action: (_packet, _ctx, t) => (t.data.bypass ? 'ACCEPT' : 'DROP'),
};
