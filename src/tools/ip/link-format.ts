import type { Link } from '../../kernel/link/link.js';
import type { Netns } from '../../kernel/netns.js';
import { Bridge } from '../../kernel/link/bridge.js';
import type { Veth } from '../../kernel/link/veth.js';
import type { IpContext } from './context.js';
import { isLowerUp, isRunning, operState } from '../../kernel/link/operstate.js';
import { peernetIdAlloc } from '../../kernel/netnsid.js';

/** The veth peer as IFLA_LINK names it: its ifindex, and its namespace when not ours. */
function iflinkOf(link: Link): { peer: Link; sameNs: boolean } | null {
  if (link.kind !== 'veth') return null;
  const peer = (link as Veth).peer;
  return { peer, sameNs: peer.netns === link.netns };
}

/** `eth0@if2`, `v0@v1` (print_name_and_link). */
export function linkName(link: Link): string {
  const l = iflinkOf(link);
  if (!l) return link.name;
  if (!l.sameNs) return `${link.name}@if${l.peer.ifindex}`;
  return `${link.name}@${l.peer.name}`;
}

/** print_link_flags: NO-CARRIER first, the IFF_* names in kernel bit order, then M-DOWN. */
export function linkFlags(link: Link): string {
  const flags: string[] = [];
  if (link.adminUp && !isRunning(link)) flags.push('NO-CARRIER');
  flags.push(link.kind === 'loopback' ? 'LOOPBACK' : 'BROADCAST');
  if (link.kind !== 'loopback' && link.kind !== 'dummy') flags.push('MULTICAST');
  if (link.kind === 'dummy') flags.push('NOARP');
  if (link.adminUp) flags.push('UP');
  if (isLowerUp(link)) flags.push('LOWER_UP');
  const l = iflinkOf(link);
  if (l && l.sameNs && !l.peer.adminUp) flags.push('M-DOWN');
  return flags.join(',');
}

export const qdiscOf = (link: Link): string => (link.adminUp ? 'noqueue' : 'noop');

/**
 * ` link-netns NAME` or ` link-netnsid N`: the kernel gives the peer's
 * namespace an id as seen from the dumping one; iproute2 turns the id
 * back into a /run/netns name when one has it.
 */
export function linkNetns(viewer: Netns, link: Link): string {
  const l = iflinkOf(link);
  if (!l || l.sameNs) return '';
  const id = peernetIdAlloc(viewer, l.peer.netns);
  const named = l.peer.netns.name;
  return named !== null ? ` link-netns ${named}` : ` link-netnsid ${id}`;
}

/** The first line of `ip link` / `ip addr` for a device. */
export function linkHeader(ctx: IpContext, link: Link, withMode: boolean): string {
  const master = link.master ? `master ${link.master.name} ` : '';
  const mode = withMode ? 'mode DEFAULT ' : '';
  return (
    `${link.ifindex}: ${linkName(link)}: <${linkFlags(link)}> mtu ${link.mtu} qdisc ${qdiscOf(link)} ` +
    `${master}state ${operState(link)} ${mode}group ${link.group === 0 ? 'default' : link.group} qlen ${link.txqlen}`
  );
}

/** The `link/ether ...` line's text (without indentation). */
export function linkLayer(ctx: IpContext, link: Link): string {
  const netns = linkNetns(ctx.netns, link);
  if (link.kind === 'loopback') return `link/loopback ${link.mac} brd 00:00:00:00:00:00${netns}`;
  return `link/ether ${link.mac} brd ff:ff:ff:ff:ff:ff${netns}`;
}

/** Columns of print_stats64: each at least its header's width. */
export function statsBlock(link: Link): string[] {
  const s = link.stats;
  const rx = [s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped, 0, s.multicast];
  const tx = [s.txBytes, s.txPackets, s.txErrors, s.txDropped, 0, 0];
  const cols = [10, 7, 6, 7, 7, 7, 10];
  for (const row of [rx, tx]) row.forEach((v, i) => (cols[i] = Math.max(cols[i], String(v).length)));
  const head = (names: string[]): string =>
    `${names.map((n, i) => n.padStart(i === 0 ? cols[0] - 4 : cols[i])).join(' ')} ${''.padStart(cols[6])}`;
  const nums = (row: number[]): string =>
    `    ${row.map((v, i) => `${String(v).padStart(cols[i])} `).join('')}`;
  return [
    `    RX: ${head(['bytes', 'packets', 'errors', 'dropped', 'missed', 'mcast'])}`,
    nums(rx),
    `    TX: ${head(['bytes', 'packets', 'errors', 'dropped', 'carrier', 'collsns'])}`,
    nums(tx),
  ];
}

/** `ip -d link` extra lines for the kinds we model. */
export function detailsBlock(link: Link): string[] {
  const minmax = link.kind === 'loopback' ? 'minmtu 0 maxmtu 0' : 'minmtu 68 maxmtu 65535';
  const promisc = link.master ? 1 : 0;
  const first = `promiscuity ${promisc}  allmulti ${promisc} ${minmax} `;
  const queues = link.kind === 'veth' ? 2 : 1;
  // A bridge takes the smallest tso_max_size of its ports; without ports it keeps GSO_LEGACY_MAX_SIZE.
  const tso = link instanceof Bridge && link.ports.size === 0 ? 65536 : 524280;
  const tail =
    `addrgenmode eui64 numtxqueues ${queues} numrxqueues ${queues} gso_max_size 65536 gso_max_segs 65535 ` +
    `tso_max_size ${tso} tso_max_segs 65535 gro_max_size 65536 `;
  const lines = [first];
  const kind = link.kind === 'veth' ? 'veth ' : link.kind === 'dummy' ? 'dummy ' : '';
  const port =
    link.master && link.master.kind === 'bridge'
      ? (link.master as Bridge).ports.get(link.ifindex)
      : undefined;
  if (link.kind === 'bridge') lines.push(`bridge ${bridgeDetails(link as Bridge)}${tail}`);
  else if (port) {
    lines.push(kind);
    const br = link.master as Bridge;
    const onOff = (b: boolean): string => (b ? 'on' : 'off');
    const id = bridgeId(br);
    const portNo = [...br.ports.keys()].indexOf(link.ifindex) + 1;
    lines.push(
      `bridge_slave state ${portStateName(br, link)} priority ${port.priority} cost ${port.cost} hairpin ${onOff(port.hairpin)} ` +
        `guard off root_block off fastleave off learning ${onOff(port.learning)} flood ${onOff(port.flood)} ` +
        `port_id 0x${(0x8000 + portNo).toString(16)} port_no 0x${portNo.toString(16)} designated_port ${0x8000 + portNo} designated_cost 0 ` +
        `designated_bridge ${id} designated_root ${id} hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 ` +
        `topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off ` +
        `mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 ` +
        `vlan_tunnel off isolated off locked off ${tail}`,
    );
  } else lines.push(`${kind}${tail}`);
  return lines;
}

function portStateName(br: Bridge, link: Link): string {
  return br.adminUp && link.operUp ? 'forwarding' : 'disabled';
}

/** `8000.12:87:c1:8:f9:3f`: iproute2 prints bridge ids with unpadded bytes. */
function bridgeId(br: Bridge): string {
  const mac = br.mac
    .split(':')
    .map((b) => Number.parseInt(b, 16).toString(16))
    .join(':');
  return `${br.priority.toString(16).padStart(4, '0')}.${mac}`;
}

function bridgeDetails(br: Bridge): string {
  const id = bridgeId(br);
  return (
    `forward_delay ${br.forwardDelay} hello_time ${br.helloTime} max_age ${br.maxAge} ageing_time ${br.ageingTime} ` +
    `stp_state ${br.stpState} priority ${br.priority} vlan_filtering ${br.vlanFiltering ? 1 : 0} ` +
    `bridge_id ${id} designated_root ${id} root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 ` +
    `hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 gc_timer    0.00 group_fwd_mask 0 ` +
    `group_address 01:80:c2:00:00:00 mcast_snooping ${br.mcastSnooping ? 1 : 0} no_linklocal_learn 0 mcast_vlan_snooping 0 mcast_router 1 ` +
    `mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 ` +
    `mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 ` +
    `mcast_querier_interval 25500 mcast_query_interval 12500 mcast_query_response_interval 1000 ` +
    `mcast_startup_query_interval 3124 mcast_stats_enabled 0 mcast_igmp_version 2 mcast_mld_version 1 ` +
    `nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 `
  );
}

/** `-br` state column. */
export const briefState = (link: Link): string => operState(link);
