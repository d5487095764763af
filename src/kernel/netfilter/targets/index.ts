import type { TargetImpl } from '../context.js';
import { REJECT } from './reject.js';
import { LOG } from './log.js';
import { MARK, TOS, TTL } from './mangle.js';
import { DNAT, MASQUERADE, NETMAP, REDIRECT, SNAT } from './nat.js';
import { CONNMARK } from './connmark.js';
import { CT, NOTRACK } from './ct.js';
import { SET } from './set.js';
import { TRACE } from './trace.js';
import { DSCP } from './dscp.js';
import { CLASSIFY } from './classify.js';
import { TCPMSS } from './tcpmss.js';
import { CHECKSUM } from './checksum.js';
import { NFLOG, NFQUEUE } from './nfnetlink.js';
import { TEE } from './tee.js';
import { ECN } from './ecn.js';

/** Target extensions by the name the iptables parser gives them. */
export const TARGETS: ReadonlyMap<string, TargetImpl> = new Map(
  Object.entries({
    REJECT,
    LOG,
    MARK,
    TOS,
    TTL,
    CONNMARK,
    NOTRACK,
    CT,
    DNAT,
    SNAT,
    MASQUERADE,
    REDIRECT,
    SET,
    TRACE,
    DSCP,
    CLASSIFY,
    TCPMSS,
    CHECKSUM,
    NFLOG,
    NFQUEUE,
    TEE,
    NETMAP,
    ECN,
  }),
);
