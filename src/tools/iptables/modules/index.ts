import type { ExtSpec } from './spec.js';
import { tcp, udp } from './tcp.js';
import { sctp } from './sctp.js';
import { icmp } from './icmp.js';
import { multiport } from './multiport.js';
import {
  addrtype,
  comment,
  connmark,
  iprange,
  length,
  limit,
  mac,
  mark,
  owner,
  physdev,
  pkttype,
  statistic,
} from './matches-misc.js';
import { conntrack, state } from './conntrack.js';
import { hashlimit } from './hashlimit.js';
import { recent } from './recent.js';
import { string } from './string.js';
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
import * as targets from './targets.js';
import { set, SET } from './set.js';
import * as qos from './targets-qos.js';
import * as l4 from './targets-l4.js';
import * as nfnetlink from './targets-nfnetlink.js';
import { TEE } from './targets-tee.js';
import { NETMAP } from './targets-netmap.js';

const MATCHES: readonly ExtSpec[] = [
  tcp,
  udp,
  sctp,
  icmp,
  multiport,
  addrtype,
  comment,
  connmark,
  iprange,
  length,
  limit,
  mac,
  mark,
  owner,
  physdev,
  pkttype,
  statistic,
  conntrack,
  state,
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
];
const TARGETS: readonly ExtSpec[] = [
  targets.REJECT,
  targets.LOG,
  targets.MARK,
  targets.CONNMARK,
  targets.DNAT,
  targets.SNAT,
  targets.MASQUERADE,
  targets.REDIRECT,
  targets.NOTRACK,
  targets.CT,
  targets.TOS,
  targets.TTL,
  targets.TRACE,
  SET,
  qos.DSCP,
  qos.CLASSIFY,
  l4.TCPMSS,
  l4.CHECKSUM,
  l4.ECN,
  nfnetlink.NFLOG,
  nfnetlink.NFQUEUE,
  TEE,
  NETMAP,
];

/**
 * The extension as an object of the one shape every extension has here:
 * the parsers' loads of an extension's parts (parse, final, xtopts...) see
 * a single hidden class in V8, not one per module's literal, and the code
 * compiled for a restore of rules using a few extensions is not thrown
 * away when a line uses another.
 */
const uniform = (s: ExtSpec): ExtSpec => ({
  name: s.name,
  options: s.options,
  init: s.init,
  parse: s.parse,
  final: s.final,
  save: s.save,
  print: s.print,
  xtopts: s.xtopts,
  compareKey: s.compareKey,
  alias: s.alias,
});

const byName = (list: readonly ExtSpec[]) => new Map(list.map((s) => [s.name, uniform(s)]));
const matchMap = byName(MATCHES);
const targetMap = byName(TARGETS);

/** The match extension by `-m` name (xtables_find_match). */
export const findMatch = (name: string): ExtSpec | undefined => matchMap.get(name);
/** The longest target extension name: a longer `-j` word (a kube-proxy chain's) is no target, and is not hashed to learn it. */
const longestTarget = Math.max(...[...targetMap.keys()].map((n) => n.length));
/** The target extension by `-j` name (xtables_find_target). */
export const findTarget = (name: string): ExtSpec | undefined =>
  name.length > longestTarget ? undefined : targetMap.get(name);
