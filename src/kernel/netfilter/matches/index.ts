import type { MatchImpl } from '../context.js';
import { tcp, udp, multiport } from './ports.js';
import { icmp } from './icmp.js';
import { addrtype, iprange, mac, pkttype } from './addr.js';
import { connmark, mark } from './mark.js';
import { conntrack, state } from './conntrack.js';
import { limit } from './limit.js';
import { statistic } from './statistic.js';
import { comment, length, owner } from './misc.js';
import { physdev } from './physdev.js';
import { hashlimit } from './hashlimit.js';
import { recent } from './recent.js';
import { string } from './string.js';
import { set } from './set.js';
import { ttl } from './ttl.js';
import { dscp, tos } from './dscp.js';
import { ecn } from './ecn.js';
import { quota } from './quota.js';
import { connbytes } from './connbytes.js';
import { connlimit } from './connlimit.js';
import { cpu } from './cpu.js';
import { helper } from './helper.js';
import { rpfilter } from './rpfilter.js';
import { tcpmss } from './tcpmss.js';
import { devgroup } from './devgroup.js';
import { ah, esp } from './ipsec.js';

/** Match extensions by the name the iptables parser gives them. */
export const MATCHES: ReadonlyMap<string, MatchImpl> = new Map(
  Object.entries({
    tcp,
    udp,
    multiport,
    icmp,
    addrtype,
    iprange,
    mac,
    pkttype,
    mark,
    connmark,
    conntrack,
    state,
    limit,
    statistic,
    comment,
    length,
    owner,
    physdev,
    hashlimit,
    recent,
    string,
    set,
    ttl,
    dscp,
    tos,
    ecn,
    quota,
    connbytes,
    connlimit,
    cpu,
    helper,
    rpfilter,
    tcpmss,
    devgroup,
    esp,
    ah,
  }),
);
