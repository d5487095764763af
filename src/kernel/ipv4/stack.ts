import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Frame, Ipv4Packet } from '../../net/packet.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Flow, FibLookup, FibResult } from '../route/fib.js';
import type { IcmpSocket } from '../socket/icmp-socket.js';
import { IcmpGlobalLimit } from '../icmp/rate-limit.js';
import { icmpSend } from '../icmp/send.js';
import { ICMP, UNREACH } from '../icmp/types.js';
import { InetPeerTable } from './inet-peer.js';
import { ipRcv } from './input.js';
import { packetType } from '../link/protocols.js';
import { routeInputSlow } from './route-input.js';
import { loopbackOf } from './output.js';
import type { L4Handler } from './local-deliver.js';
import { InputRouteCache } from './route-cache.js';
import type { L2Info } from '../netfilter/context.js';

/** A nexthop exception learned from an ICMP redirect (struct fib_nh_exception). */
export interface RedirectException {
  readonly dev: Link;
  readonly gateway: IPv4;
  /** Virtual time (ms) it expires. */
  readonly expires: number;
}

/** IPv4 input, forwarding, local delivery and output of one namespace. Owned by the IPv4/ICMP work. */
export class Ipv4Stack {
  /** inet_peer entries (ICMP and redirect rate limiting), keyed by remote address. */
  readonly peers = new InetPeerTable();
  readonly icmpGlobal = new IcmpGlobalLimit();
  /** Open raw ICMP sockets (ping). */
  readonly sockets = new Set<IcmpSocket>();
  /** Transport receive handlers by IP protocol number (UDP, TCP sockets register here). */
  readonly l4Handlers = new Map<number, L4Handler>();
  /** Input routing decisions of received packets (the dst cache), kept until routing changes. */
  readonly inputRoutes = new InputRouteCache();
  /** Redirects learned per destination (shown by `ip route get` as `<redirected>`). */
  readonly exceptions = new Map<IPv4, RedirectException>();
  private ipId = 0;

  constructor(readonly netns: Netns) {}

  /** An IPv4 frame arrived on a device (ip_rcv), addressed to this host's MAC or broadcast. */
  receive(link: Link, frame: Frame): void {
    if (frame.type !== 'ipv4') return;
    const type = packetType(link, frame);
    let l2 = this.lastL2;
    // A flow's frames repeat their MAC header: the same (immutable) value serves them all.
    if (l2 === null || l2.src !== frame.src || l2.dst !== frame.dst || l2.type !== type)
      this.lastL2 = l2 = { src: frame.src, dst: frame.dst, type };
    ipRcv(this.netns, link, frame.ip, type === 'host', l2);
  }

  /** The MAC header of the last frame received (see receive). */
  private lastL2: L2Info | null = null;

  /**
   * ip_route_input: the routing decision for a packet received on `iif`
   * (local delivery, forward, or an error such as a martian or forwarding
   * off). Used by the receive path and by `ip route get ... iif DEV`.
   * Local and broadcast results name lo as their device; `cacheFlags` carries
   * what `ip route get` shows after `cache` (`local`, `brd`, `redirect`).
   */
  routeInput(flow: Flow & { iif: Link }): FibLookup {
    const route = routeInputSlow(this.netns, flow);
    if (route.kind === 'error') return { ok: false, error: route.error };
    const lo = loopbackOf(this.netns);
    if (route.kind === 'local') {
      const base: FibResult = route.res ?? {
        type: 'broadcast',
        // A limited broadcast never reaches the FIB: no table (RT_TABLE_UNSPEC), which `ip route get` omits.
        table: 0,
        dev: lo,
        gateway: null,
        prefsrc: null,
        src: flow.dst,
        scope: 253,
        metric: 0,
      };
      const type = route.broadcast ? 'broadcast' : 'local';
      const cacheFlags = route.broadcast ? ['local', 'brd'] : ['local'];
      return { ok: true, result: { ...base, type, dev: lo, cacheFlags } };
    }
    const cacheFlags = route.redirect ? ['redirect'] : [];
    return { ok: true, result: { ...route.res, cacheFlags } };
  }

  /**
   * Whether routeInput says local for `flow`. It can only when the FIB
   * alone does: on a segment of 1,000 hosts, 999 of them see an ARP request
   * for another, and the FIB answers them without the rest of the input
   * route (its martian and source checks, the route it would make).
   */
  routesLocal(flow: Flow & { iif: Link }): boolean {
    const fib = this.netns.fib.lookup(flow);
    if (!fib.ok || fib.result.type !== 'local') return false;
    const route = this.routeInput(flow);
    return route.ok && route.result.type === 'local';
  }

  /** ARP resolution failed for a queued packet: ICMP host unreachable to its source (ipv4_link_failure). */
  neighFailed(packet: Ipv4Packet, link: Link): void {
    const tr = this.netns.world.trace;
    tr?.arpFailed(this.netns, packet, link);
    if (tr) return tr.within(packet, () => this.unreachable(packet, link));
    this.unreachable(packet, link);
  }

  private unreachable(packet: Ipv4Packet, link: Link): void {
    const local = this.netns.addrs.some((a) => a.local === packet.src);
    icmpSend(
      this.netns,
      { packet, dev: link, input: !local, local: false, broadcast: false },
      ICMP.DEST_UNREACH,
      UNREACH.HOST,
    );
  }

  /** The gateway a learned redirect substitutes for `res`'s, or null. */
  redirectedGateway(dst: IPv4, res: FibResult): IPv4 | null {
    const exc = this.exceptions.get(dst);
    if (!exc) return null;
    if (exc.expires <= this.netns.world.clock.now) {
      this.exceptions.delete(dst);
      return null;
    }
    return exc.dev === res.dev && res.gateway !== null ? exc.gateway : null;
  }

  /** The IP header id of the next datagram this host originates. */
  nextId(): number {
    this.ipId = (this.ipId + 1) & 0xffff;
    return this.ipId;
  }
}
