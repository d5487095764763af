import type { Rule } from '../netfilter/types.js';

/**
 * The decision events the kernel reports for a followed packet, in the
 * order they happen. Plain data (addresses as dotted quads, devices by
 * name), except `rule`, which the renderer turns into iptables-save text.
 * Every event names the packet (its trace id) and the namespace
 * (`ns`: its name, or "" for the initial namespace).
 */
export type TraceEvent =
  | OriginEvent
  | ReceiveEvent
  | BridgeEvent
  | HookEvent
  | ChainEvent
  | RuleEvent
  | RuledOutEvent
  | VerdictEvent
  | ConntrackEvent
  | RewriteEvent
  | RouteEvent
  | ArpEvent
  | XmitEvent
  | DeliverEvent
  | ResponseEvent
  | ChanceEvent
  | DropEvent;

/** The headers a person reads a packet by. */
export interface PacketView {
  readonly src: string;
  readonly dst: string;
  /** icmp, tcp, udp, or the protocol number. */
  readonly proto: string;
  readonly sport?: number;
  readonly dport?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /** TCP flags as tcpdump prints them (S, S., R., F., P.). */
  readonly tcpFlags?: string;
  readonly ttl: number;
  readonly length: number;
  readonly mark?: number;
}

interface Base {
  readonly packet: number;
  readonly ns: string;
}

/**
 * A packet starts: a socket (or the trace command) or the kernel itself sent
 * it, or it arrived from outside on a wire (`trace --node N --src IP`).
 */
export interface OriginEvent extends Base {
  readonly type: 'origin';
  readonly by: 'socket' | 'kernel' | 'wire';
  readonly view: PacketView;
  /** The packet whose handling made this one (an echo reply, a RST, an ICMP error), when followed too. */
  readonly cause?: number;
}

/** ip_rcv: the datagram arrived on a device. */
export interface ReceiveEvent extends Base {
  readonly type: 'receive';
  readonly dev: string;
  readonly view: PacketView;
}

export type BridgeDecision = 'fdb-hit' | 'flood' | 'local' | 'hairpin-refused';

/** br_handle_frame_finish / br_dev_xmit: where the bridge sends the frame. */
export interface BridgeEvent extends Base {
  readonly type: 'bridge';
  readonly bridge: string;
  /** The port it came in on, or null when the bridge device itself sent it. */
  readonly inPort: string | null;
  readonly dstMac: string;
  readonly decision: BridgeDecision;
  /** Ports it is sent out of. */
  readonly outPorts: readonly string[];
}

/**
 * A netfilter hook entered. A bridged frame (br_netfilter calling the IPv4
 * hooks, `in`/`out` the bridge) names the bridge ports as `-m physdev`
 * sees them: `physIn` the port it came in by, `physOut` the one it leaves by.
 */
export interface HookEvent extends Base {
  readonly type: 'hook';
  readonly hook: string;
  readonly in: string | null;
  readonly out: string | null;
  readonly view: PacketView;
  readonly physIn?: string;
  readonly physOut?: string;
}

/** A table's chain entered: the built-in chain of the hook, or a user chain by jump/goto. */
export interface ChainEvent extends Base {
  readonly type: 'chain';
  readonly table: string;
  readonly chain: string;
  readonly via: 'hook' | 'jump' | 'goto' | 'return';
}

/** One rule evaluated. `failed`: the first part that did not match (`-s`, `-i`, `-p`, `-m NAME`). */
export interface RuleEvent extends Base {
  readonly type: 'rule';
  readonly table: string;
  readonly chain: string;
  /** 1-based, as `iptables -L --line-numbers`. */
  readonly index: number;
  readonly rule: Rule;
  readonly matched: boolean;
  readonly failed?: string;
}

/**
 * Rules `from`..`to` (1-based, inclusive) of a chain, which the chain's
 * indexed dispatch ruled out for the packet without evaluating them: each
 * has a key on one dimension (its `-d` address, its `--dport`) that is not
 * the packet's. `failed` names that part; it may not be the first part of
 * the rule the packet fails.
 */
export interface RuledOutEvent extends Base {
  readonly type: 'ruled-out';
  readonly table: string;
  readonly chain: string;
  readonly from: number;
  readonly to: number;
  readonly failed: string;
}

/**
 * What a matched rule (index > 0) or the chain policy (index 0) did, and its
 * counters after this packet (policy counters only when the chain has them).
 */
export interface VerdictEvent extends Base {
  readonly type: 'verdict';
  readonly table: string;
  readonly chain: string;
  readonly index: number;
  /** ACCEPT, DROP, RETURN, a target name (DNAT, REJECT, MARK), `jump CHAIN` or `goto CHAIN`. */
  readonly target: string;
  /** What the table does next: ACCEPT/DROP end it, CONTINUE goes on. */
  readonly verdict: 'ACCEPT' | 'DROP' | 'CONTINUE';
  readonly counters?: { readonly packets: number; readonly bytes: number };
}

export interface TupleView {
  readonly src: string;
  readonly dst: string;
  readonly proto: string;
  readonly sport: number;
  readonly dport: number;
}

/** nf_conntrack_in: the entry found or made, and the packet's state in it; or a confirmation. */
export interface ConntrackEvent extends Base {
  readonly type: 'conntrack';
  readonly hook: string;
  readonly action: 'lookup' | 'confirm';
  /** NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED; `_REPLY` kept for the reply direction. */
  readonly state: string;
  /** A new entry (not yet confirmed), or one already in the table. */
  readonly entry: 'new' | 'existing' | 'none';
  readonly orig?: TupleView;
  readonly reply?: TupleView;
  readonly tcpState?: string;
}

/** A header field rewritten by a hook function (NAT, MARK, TTL...). */
export interface RewriteEvent extends Base {
  readonly type: 'rewrite';
  readonly hook: string;
  /** `nat` (SNAT/DNAT or un-NAT from conntrack), or the table whose target rewrote it. */
  readonly by: string;
  readonly changes: readonly { readonly field: string; readonly from: string; readonly to: string }[];
}

/** A route lookup: input (received) or output (locally sent), and what it found. */
export interface RouteEvent extends Base {
  readonly type: 'route';
  readonly direction: 'input' | 'output';
  readonly dst: string;
  /** local, forward, unicast, broadcast..., or error. */
  readonly result: string;
  /**
   * The policy rule that selected the table, when rules are in use: its
   * pref, table, and what it matches as `ip rule` shows it (`from
   * 10.0.1.0/24`, `fwmark 0x1`, `from all` for the default rules).
   */
  readonly rule?: { readonly pref: number; readonly table: number; readonly selector?: string };
  readonly table?: number;
  /** The matching route's prefix, type and metric. */
  readonly route?: string;
  readonly dev?: string;
  readonly gateway?: string;
  /** The source address the route chose (output) or the packet's source (input). */
  readonly src?: string;
  readonly error?: string;
}

/** The neighbour layer: the next hop's MAC known, being resolved, or never answered. */
export interface ArpEvent extends Base {
  readonly type: 'arp';
  readonly dev: string;
  readonly nexthop: string;
  readonly status: 'resolved' | 'resolving' | 'failed';
  readonly mac?: string;
  /** failed: virtual milliseconds from queueing the packet to giving up (the kernel's probes, retrans_time_ms apart). */
  readonly waited?: number;
}

/** The frame left on a device (a wire, or lo). */
export interface XmitEvent extends Base {
  readonly type: 'xmit';
  readonly dev: string;
  readonly srcMac: string;
  readonly dstMac: string;
}

/** Handed to a socket (or the kernel's ICMP handling) of this namespace. */
export interface DeliverEvent extends Base {
  readonly type: 'deliver';
  readonly proto: string;
  readonly port?: number;
  /** What took it: `tcp socket LISTEN 0.0.0.0:80`, `udp socket`, `icmp echo`. */
  readonly socket: string;
}

/** The kernel answered the packet: an ICMP error, a TCP reset, or a reply (echo reply, SYN-ACK). */
export interface ResponseEvent extends Base {
  readonly type: 'response';
  readonly kind: 'icmp-error' | 'tcp-reset' | 'reply';
  readonly view: PacketView;
  /** The trace id of the response when it is followed too. */
  readonly response?: number;
}

/**
 * A decision left to chance (`statistic --mode random|nth`, a random DNAT
 * port): the outcome taken and how likely it was. With `--all-paths` each
 * outcome is taken in turn (`forced`); otherwise the seeded RNG drew it.
 */
export interface ChanceEvent extends Base {
  readonly type: 'chance';
  /** The deciding match or target: `statistic --mode random --probability 0.33333333349`. */
  readonly what: string;
  readonly outcome: string;
  readonly probability: number;
  readonly forced: boolean;
}

/** Why the kernel lost a packet, in a person's words (`reason`) and as a stable code. */
export type DropCode =
  | 'nf-policy'
  | 'nf-rule'
  | 'nf-reject'
  | 'nf-drop'
  | 'rp-filter'
  | 'martian-source'
  | 'martian-destination'
  | 'no-route'
  | 'not-forwarding'
  | 'no-arp-reply'
  | 'hairpin-off'
  | 'ttl-exceeded'
  | 'frag-needed'
  | 'conntrack-full'
  | 'no-socket'
  | 'link-down'
  | 'not-for-host';

export interface DropEvent extends Base {
  readonly type: 'drop';
  readonly code: DropCode;
  readonly reason: string;
}
