import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import type { Mac } from '../../net/mac.js';
import type { PacketType } from '../neigh/arp.js';
import type { Hook, TableName, XtModule } from './types.js';
import type { NfTrace } from '../trace/nf-trace.js';

/** The link-layer header of a received frame, as skb_mac_header exposes it to matches and LOG. */
export interface L2Info {
  readonly src: Mac;
  readonly dst: Mac;
  readonly type: PacketType;
}

/** How the packet was routed so far, as REJECT's icmp_send reads skb_dst. */
export interface RouteInfo {
  /** An input route (received packet), not a locally generated one. */
  readonly input: boolean;
  /** RTCF_LOCAL: addressed to this host. */
  readonly local: boolean;
  /** RTCF_BROADCAST/multicast, or a frame not sent to our MAC: never answered with an ICMP error. */
  readonly broadcast: boolean;
}

/**
 * One packet's pass through one hook (struct nf_hook_state plus the skb
 * fields matches read). `packet` is the slot targets rewrite (MARK, TTL,
 * TOS, NAT): the packet value itself stays immutable; its conntrack rides
 * on it (conntrack/skb.ts).
 */
export interface NfCtx {
  readonly netns: Netns;
  readonly hook: Hook;
  readonly in: Link | null;
  readonly out: Link | null;
  readonly l2: L2Info | null;
  readonly route: RouteInfo;
  /** Sent by a local socket (xt_owner sees a file-backed sk). */
  readonly fromSocket: boolean;
  table: TableName;
  packet: Ipv4Packet;
  /** Set when the packet is traced: the engine reports each chain, rule and verdict to it. */
  readonly trace?: NfTrace | null;
}

/** A match extension in the kernel (xt_match.match). */
export interface MatchImpl {
  match(packet: Ipv4Packet, ctx: NfCtx, m: XtModule): boolean;
}

/** ACCEPT/DROP end the table; CONTINUE (XT_CONTINUE) goes on with the next rule. */
export type TargetVerdict = 'ACCEPT' | 'DROP' | 'CONTINUE';

/** A target extension in the kernel (xt_target.target). */
export interface TargetImpl {
  action(packet: Ipv4Packet, ctx: NfCtx, t: XtModule): TargetVerdict;
}
