import type { TargetImpl } from '../context.js';
import { REJECT } from './reject.js';
import { LOG } from './log.js';
import { CONTINUE, MARK, NAT, TOS, TTL } from './mangle.js';

/** Target extensions by the name the iptables parser gives them. */
export const TARGETS: ReadonlyMap<string, TargetImpl> = new Map(
  Object.entries({
    REJECT,
    LOG,
    MARK,
    TOS,
    TTL,
    CONNMARK: CONTINUE,
    NOTRACK: CONTINUE,
    CT: CONTINUE,
    DNAT: NAT,
    SNAT: NAT,
    MASQUERADE: NAT,
    REDIRECT: NAT,
  }),
);
