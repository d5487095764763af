import type { Ipv4Packet, Frame } from '../../net/packet.js';
import { TCP_FLAG } from '../../net/packet.js';
import { formatIPv4, formatPrefix, isLoopback, isMulticast, LIMITED_BROADCAST } from '../../net/ipv4.js';
import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Bridge } from '../link/bridge.js';
import type { FibResult } from '../route/fib.js';
import type { InputRoute } from '../ipv4/route-input.js';
import { fibLookup, universeKey } from '../route/lookup.js';
import { portState } from '../bridge/port-state.js';
import { nfBridgeOf } from '../bridge/nf-bridge-info.js';
import { conf } from '../ipv4/conf.js';
import type { BridgeDecision, DropCode, RouteEvent, TraceEvent } from './events.js';
import { traceIdOf, withTraceId } from './tag.js';
import { packetView } from './view.js';
import { dropReason } from './drop-reasons.js';
import { ruleSelector } from './rule-selector.js';

export interface TraceOptions {
  /**
   * Follow every packet the namespaces originate from now on (`run --trace`),
   * each under its own id; otherwise only packets tagged by `start`
   * (the synthetic packet of `podpath trace`) are followed.
   */
  readonly followAll?: boolean;
  /**
   * Also follow what the kernel sends in answer to a packet tagged by
   * `start` without a cause (`trace --reply`: the SYN-ACK, echo reply, RST
   * or ICMP error on its way back).
   */
  readonly followReplies?: boolean;
}

/** The followed packet a conntrack entry was made for, and where. */
interface ConnOwner {
  readonly id: number;
  readonly ns: string;
}

/** The namespace as events name it: "" for the initial one. */
export const nsName = (netns: Netns): string => netns.name ?? '';

/**
 * The per-world trace observer (World.trace). Kernel code reports through
 * `netns.world.trace?.method(...)`: with tracing off the optional call is
 * skipped before its arguments are built. Each method ignores packets that
 * are not followed. Ids are handed out in order, so a trace is as
 * deterministic as the world.
 */
export class TraceRecorder {
  readonly events: TraceEvent[] = [];
  /** The followed packet whose handling runs right now: what it makes the kernel send answers it. */
  current: number | null = null;
  private nextId = 1;
  /** Packets started by the tracer itself (no cause): their answers are followed with followReplies. */
  private readonly roots = new Set<number>();
  /** Conntrack entries of followed packets: a chance decided for an entry (a NAT binding) is theirs. */
  private readonly conns = new WeakMap<object, ConnOwner>();
  /** Next hops followed packets wait on (by resolvingKey), and since when: a failure names them. */
  private readonly resolving = new Map<string, { readonly nexthop: number; readonly since: number }>();

  constructor(readonly options: TraceOptions = {}) {}

  /** Tags `packet` to be followed and records where it starts. */
  start(netns: Netns, packet: Ipv4Packet, by: 'socket' | 'kernel' | 'wire', cause?: number): Ipv4Packet {
    const id = this.nextId++;
    if (cause === undefined) this.roots.add(id);
    const tagged = withTraceId(packet, id);
    const origin = { type: 'origin', packet: id, ns: nsName(netns), by, view: packetView(packet) } as const;
    this.events.push(cause === undefined ? origin : { ...origin, cause });
    return tagged;
  }

  /** Runs `fn` as the handling of `packet`: what the kernel sends meanwhile answers it. */
  within<T>(packet: Ipv4Packet, fn: () => T): T {
    const id = traceIdOf(packet);
    if (id === undefined) return fn();
    const prev = this.current;
    this.current = id;
    try {
      return fn();
    } finally {
      this.current = prev;
    }
  }

  /**
   * ip_local_out: a locally made packet. One made while a followed packet is
   * handled is its response; with followAll every new packet is followed.
   * Returns the packet (tagged when now followed).
   */
  localOut(netns: Netns, packet: Ipv4Packet, res: FibResult, fromSocket: boolean): Ipv4Packet {
    if (traceIdOf(packet) !== undefined) return packet;
    const cause = this.current ?? undefined;
    let out = packet;
    const reply = this.options.followReplies && cause !== undefined && this.roots.has(cause);
    if (this.options.followAll || reply) {
      out = this.start(netns, packet, fromSocket ? 'socket' : 'kernel', cause);
      this.routeOutput(netns, out, res);
    }
    if (cause !== undefined) {
      const response = traceIdOf(out);
      this.push(netns, cause, {
        type: 'response',
        kind: responseKind(packet),
        view: packetView(packet),
        ...(response !== undefined ? { response } : {}),
      });
    }
    return out;
  }

  /** Conntrack found or made `conn` for followed packet `id`. */
  followConn(conn: object, id: number, netns: Netns): void {
    if (!this.conns.has(conn)) this.conns.set(conn, { id, ns: nsName(netns) });
  }

  /** The followed packet a chance decision is for (a packet, or a followed packet's conntrack entry), if any. */
  ownerOf(subject: object): ConnOwner | undefined {
    const conn = this.conns.get(subject);
    if (conn) return conn;
    const id = traceIdOf(subject as Ipv4Packet);
    return id === undefined ? undefined : { id, ns: '' };
  }

  receive(netns: Netns, dev: Link, packet: Ipv4Packet): void {
    this.report(netns, packet, () => ({ type: 'receive', dev: dev.name, view: packetView(packet) }));
  }

  /** The output route of a followed packet (ip_route_output_key), with the rule and route that gave it. */
  routeOutput(netns: Netns, packet: Ipv4Packet, res: FibResult): void {
    this.report(netns, packet, () => ({
      type: 'route',
      direction: 'output',
      ...fibDetail(netns, packet, res, null),
      src: formatIPv4(res.src),
    }));
  }

  /** A failed output route lookup for a followed packet. */
  routeOutputError(netns: Netns, packet: Ipv4Packet, error: string): void {
    this.report(netns, packet, () => routeError('output', packet, error));
    this.drop(netns, packet, 'no-route', error);
  }

  /** ip_route_input_slow's decision, and the drop it means when it is an error. */
  routeInput(netns: Netns, packet: Ipv4Packet, dev: Link, route: InputRoute): void {
    if (route.kind === 'error') {
      const code = route.why ?? (route.martian ? 'martian-source' : 'no-route');
      this.report(netns, packet, () => routeError('input', packet, route.error));
      this.drop(netns, packet, code, inputDropDetail(netns, packet, dev, code));
      return;
    }
    this.report(netns, packet, () => ({
      type: 'route',
      direction: 'input',
      ...(route.res ? fibDetail(netns, packet, route.res, dev) : { dst: formatIPv4(packet.dst) }),
      result: route.kind === 'local' ? (route.broadcast ? 'broadcast' : 'local') : 'forward',
    }));
  }

  bridge(
    netns: Netns,
    bridge: Bridge,
    ingress: Link | null,
    frame: Frame,
    decision: BridgeDecision,
    out: Link | null = null,
  ): void {
    if (frame.type !== 'ipv4') return;
    // The FDB names the port the frame came in by: should_deliver refuses it without hairpin mode.
    const refused =
      decision === 'fdb-hit' && out !== null && out === ingress && !bridge.ports.get(out.ifindex)?.hairpin;
    this.report(netns, frame.ip, () => ({
      type: 'bridge',
      bridge: bridge.name,
      inPort: ingress?.name ?? null,
      dstMac: frame.dst,
      decision: refused ? 'hairpin-refused' : decision,
      outPorts: refused
        ? []
        : out
          ? [out.name]
          : decision === 'flood'
            ? floodPorts(bridge, ingress, frame)
            : [],
    }));
  }

  arp(netns: Netns, packet: Ipv4Packet, dev: Link, nexthop: number, mac: string | null): void {
    const id = traceIdOf(packet);
    if (id !== undefined && mac === null)
      this.resolving.set(resolvingKey(id, netns, dev), { nexthop, since: netns.world.clock.now });
    this.report(netns, packet, () => ({
      type: 'arp',
      dev: dev.name,
      nexthop: formatIPv4(nexthop),
      status: mac === null ? 'resolving' : 'resolved',
      ...(mac === null ? {} : { mac }),
    }));
  }

  /** The neighbour gave up on the packet's next hop: the probes went unanswered. */
  arpFailed(netns: Netns, packet: Ipv4Packet, dev: Link): void {
    const id = traceIdOf(packet);
    if (id === undefined) return;
    const asked = this.resolving.get(resolvingKey(id, netns, dev));
    const nexthop = asked ? formatIPv4(asked.nexthop) : '';
    this.push(netns, id, {
      type: 'arp',
      dev: dev.name,
      nexthop,
      status: 'failed',
      ...(asked ? { waited: netns.world.clock.now - asked.since } : {}),
    });
    this.drop(netns, packet, 'no-arp-reply', nexthop ? `${nexthop} on ${dev.name}` : dev.name);
  }

  xmit(netns: Netns, frame: Frame, dev: Link): void {
    if (frame.type !== 'ipv4') return;
    // Bridged DNAT: the bridge device resolved the new destination, and br_dev_xmit hands the
    // frame back to the bridge at its ingress port: it never leaves on the bridge device.
    if (dev.kind === 'bridge' && nfBridgeOf(frame.ip, netns)?.bridgedDnat) return;
    this.report(netns, frame.ip, () => ({
      type: 'xmit',
      dev: dev.name,
      srcMac: frame.src,
      dstMac: frame.dst,
    }));
  }

  deliver(netns: Netns, packet: Ipv4Packet, socket: string, port?: number): void {
    this.report(netns, packet, () => ({
      type: 'deliver',
      proto: packetView(packet).proto,
      socket,
      ...(port === undefined ? {} : { port }),
    }));
  }

  drop(netns: Netns, packet: Ipv4Packet, code: DropCode, detail?: string): void {
    this.report(netns, packet, () => ({ type: 'drop', code, reason: dropReason(code, detail) }));
  }

  /** Records the event `make` builds when `packet` is followed. */
  report(netns: Netns, packet: Ipv4Packet, make: () => DistributiveOmit<TraceEvent, 'packet' | 'ns'>): void {
    const id = traceIdOf(packet);
    if (id !== undefined) this.push(netns, id, make());
  }

  push(netns: Netns, id: number, event: DistributiveOmit<TraceEvent, 'packet' | 'ns'>): void {
    this.events.push({ packet: id, ns: nsName(netns), ...event } as TraceEvent);
  }
}

const resolvingKey = (id: number, netns: Netns, dev: Link): string => `${id} ${nsName(netns)} ${dev.name}`;

/** What made the input route refuse a packet, for its drop reason. */
function inputDropDetail(netns: Netns, packet: Ipv4Packet, dev: Link, code: DropCode): string {
  const src = formatIPv4(packet.src);
  switch (code) {
    case 'martian-source':
      return `${src} on ${dev.name}${martianWhy(netns, packet.src)}`;
    case 'martian-destination':
      return `${formatIPv4(packet.dst)} on ${dev.name}${martianWhy(netns, packet.dst)}`;
    case 'rp-filter':
      return `${src} on ${dev.name}, ${conf(netns, dev, 'rp_filter') === 1 ? 'strict' : 'loose'} mode`;
    case 'not-forwarding':
      return `${dev.name}: net.ipv4.conf.${dev.name}.forwarding = 0`;
    case 'no-route':
      return `${formatIPv4(packet.dst)}, received on ${dev.name}`;
    default:
      return dev.name;
  }
}

/** Why an address may not be a received packet's source (or destination), in a few words. */
function martianWhy(netns: Netns, addr: number): string {
  if (addr === 0) return ': the zero address';
  if (addr === LIMITED_BROADCAST) return ': the limited broadcast address';
  if (isMulticast(addr)) return ': a multicast address';
  if (isLoopback(addr)) return ': a loopback address, and route_localnet is off';
  if (netns.addrs.some((a) => a.local === addr)) return ': an address of this host';
  return '';
}

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function responseKind(packet: Ipv4Packet): 'icmp-error' | 'tcp-reset' | 'reply' {
  const l4 = packet.l4;
  if (l4?.kind === 'icmp' && l4.quoted) return 'icmp-error';
  if (l4?.kind === 'tcp' && l4.flags & TCP_FLAG.RST) return 'tcp-reset';
  return 'reply';
}

function routeError(
  direction: 'input' | 'output',
  packet: Ipv4Packet,
  error: string,
): Omit<RouteEvent, 'packet' | 'ns'> {
  return { type: 'route', direction, dst: formatIPv4(packet.dst), result: 'error', error };
}

/**
 * The rule, table and route behind `res`: those the lookup kept, else
 * fib_lookup again (a pure function of the FIB) with the key the packet
 * still shows, for results made up without a lookup.
 */
function fibDetail(netns: Netns, packet: Ipv4Packet, res: FibResult, iif: Link | null) {
  const hit = res.route
    ? { ok: true as const, route: res.route, rule: res.rule }
    : lookupAgain(netns, packet, iif);
  const route = hit.ok ? hit.route : null;
  return {
    dst: formatIPv4(packet.dst),
    result: res.type,
    // The route's own table: the merged local+main trie reports main for both.
    table: route?.table ?? res.table,
    ...(hit.ok && hit.rule
      ? { rule: { pref: hit.rule.pref, table: hit.rule.table, selector: ruleSelector(hit.rule) } }
      : {}),
    ...(route ? { route: routeText(route.type, route.dst, route.len, route.priority) } : {}),
    ...(res.dev ? { dev: res.dev.name } : {}),
    ...(res.gateway !== null ? { gateway: formatIPv4(res.gateway) } : {}),
    src: formatIPv4(iif ? packet.src : res.src),
  };
}

function lookupAgain(netns: Netns, packet: Ipv4Packet, iif: Link | null) {
  const lo = [...netns.links.values()].find((l) => l.kind === 'loopback') ?? null;
  const key = universeKey(packet.dst, {
    src: iif ? packet.src : 0,
    tos: packet.tos & 0x1e,
    mark: packet.mark ?? 0,
    iif: iif ?? lo,
  });
  return fibLookup(netns.fib, key);
}

function routeText(type: string, dst: number, len: number, metric: number): string {
  const prefix = len === 0 ? 'default' : len === 32 ? formatIPv4(dst) : formatPrefix({ addr: dst, len });
  return `${type === 'unicast' ? '' : `${type} `}${prefix}${metric ? ` metric ${metric}` : ''}`;
}

/** The ports br_flood copies a frame to (should_deliver, and BR_FLOOD for unknown unicast). */
function floodPorts(bridge: Bridge, ingress: Link | null, frame: Frame): string[] {
  const unicast = !(parseInt(frame.dst.slice(0, 2), 16) & 1);
  return [...bridge.ports.values()]
    .filter(
      (p) =>
        (!unicast || p.flood) && (p.link !== ingress || p.hairpin) && portState(bridge, p) === 'forwarding',
    )
    .map((p) => p.link.name);
}
