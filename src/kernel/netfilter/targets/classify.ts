import type { TargetImpl } from '../context.js';

/**
 * CLASSIFY (xt_CLASSIFY.c classify_tg): sets skb->priority, which only a
 * qdisc's classifier or a VLAN egress map reads. podpath models neither
 * (packets carry no priority), so the rule counts its packets and the
 * chain goes on, as on Linux.
 */
export const CLASSIFY: TargetImpl = {
  action: () => 'CONTINUE',
};
