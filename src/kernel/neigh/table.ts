import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import { LIMITED_BROADCAST, isMulticast } from '../../net/ipv4.js';
import { BROADCAST_MAC, type Mac } from '../../net/mac.js';
import type { ArpPacket, Ipv4Packet } from '../../net/packet.js';
import { fail } from '../errno.js';
import type { Neighbour } from './entry.js';
import { NUD, NUD_CONNECTED, NUD_IN_TIMER, NUD_VALID, type NudState } from './nud.js';
import { neighParams, type NeighParams } from './params.js';
import { devQueueXmit } from '../link/xmit.js';
import { arpSend, arpSolicit, arpTargetAcceptable, isGratuitous, type PacketType } from './arp.js';

const ETH_HLEN = 14;

/**
 * An IPv4 frame a neighbour sends. Made by a constructor, not a literal:
 * V8 decides per literal whether its objects are made in the old
 * generation (allocation-site pretenuring), and a burst of frames waiting
 * for their delivery (a thousand forwarded in one go) made it decide so
 * for every frame after, which then died there and took full collections
 * (bench established-flow: ~12% of the packets per second). Objects a
 * constructor makes are always made young.
 */
class Ipv4Frame {
  readonly type = 'ipv4';
  constructor(
    readonly src: Mac,
    readonly dst: Mac,
    readonly ip: Ipv4Packet,
  ) {}
}
/** Roughly the skb truesize a small datagram costs against unres_qlen_bytes. */
const SKB_OVERHEAD = 640;

/** neigh_update flags (NEIGH_UPDATE_F_*). */
const F_OVERRIDE = 1;
const F_ADMIN = 2;

/** What `ip neigh add|change|replace` asks for (the netlink flags decide create/exclusive/replace). */
export interface NeighRequest {
  readonly link: Link;
  readonly key: IPv4;
  readonly lladdr: Mac | null;
  readonly state: NudState;
  readonly create: boolean;
  readonly exclusive: boolean;
  readonly replace: boolean;
}

/** Thrown for a failed admin update with the message the kernel gives as extack. */
export class NeighUpdateError extends Error {}

/**
 * The ARP neighbour table of one namespace (arp_tbl's entries for its
 * devices), with the NUD state machine of net/core/neighbour.c on the
 * virtual clock.
 */
export class NeighTable {
  /** Entries in creation order (the kernel's hash order is random; scripts sort). */
  private readonly entries: Neighbour[] = [];
  private readonly reachableTime = new Map<Link, number>();

  constructor(readonly netns: Netns) {}

  private get now(): number {
    return this.netns.world.clock.now;
  }

  list(): readonly Neighbour[] {
    return this.entries;
  }

  lookup(link: Link, key: IPv4): Neighbour | undefined {
    // A loop, not find(): every transmitted packet asks, and a closure per call is garbage.
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const n = entries[i];
      if (n.link === link && n.key === key) return n;
    }
    return undefined;
  }

  params(link: Link): NeighParams {
    return neighParams(this.netns, link);
  }

  /** parms->reachable_time: base/2 plus a random part below base, drawn once per device. */
  reachableTimeOf(link: Link): number {
    let value = this.reachableTime.get(link);
    if (value === undefined) {
      const base = this.params(link).baseReachableMs;
      value = Math.floor(base / 2) + this.netns.world.rng.below(Math.max(1, base));
      this.reachableTime.set(link, value);
    }
    return value;
  }

  private create(link: Link, key: IPv4): Neighbour {
    const now = this.now;
    const n: Neighbour = {
      link,
      key,
      state: NUD.NONE,
      lladdr: null,
      probes: 0,
      used: now,
      confirmed: now - 2 * this.params(link).baseReachableMs,
      updated: now,
      timer: null,
      queue: [],
      queueBytes: 0,
    };
    this.arpConstructor(n);
    this.entries.push(n);
    return n;
  }

  /** arp_constructor: devices without ARP and broadcast/multicast keys never resolve. */
  private arpConstructor(n: Neighbour): void {
    const link = n.link;
    if (link.kind === 'loopback' || link.kind === 'dummy') {
      n.state = NUD.NOARP;
      n.lladdr = link.mac;
    } else if (n.key === LIMITED_BROADCAST || this.isBroadcastRoute(link, n.key)) {
      n.state = NUD.NOARP;
      n.lladdr = BROADCAST_MAC;
    } else if (isMulticast(n.key)) {
      n.state = NUD.NOARP;
      n.lladdr = multicastMac(n.key);
    }
  }

  private isBroadcastRoute(link: Link, key: IPv4): boolean {
    const lookup = this.netns.fib.lookup({ dst: key, oif: link });
    return lookup.ok && lookup.result.type === 'broadcast';
  }

  private lookupOrCreate(link: Link, key: IPv4): Neighbour {
    return this.lookup(link, key) ?? this.create(link, key);
  }

  private remove(n: Neighbour): void {
    n.timer?.cancel();
    n.timer = null;
    const i = this.entries.indexOf(n);
    if (i >= 0) this.entries.splice(i, 1);
  }

  private setTimer(n: Neighbour, delayMs: number): void {
    n.timer?.cancel();
    n.timer = this.netns.world.clock.schedule(delayMs, () => {
      n.timer = null;
      this.timerHandler(n);
    });
  }

  private delTimer(n: Neighbour): void {
    n.timer?.cancel();
    n.timer = null;
  }

  /**
   * neigh_output: sends an IP packet to `nexthop` on `link`, resolving its MAC
   * with ARP first (queueing while INCOMPLETE). When resolution fails, the
   * queued packets are handed to `netns.ipv4.neighFailed` (which sends ICMP
   * host unreachable as the kernel does).
   */
  output(link: Link, nexthop: IPv4, packet: Ipv4Packet): void {
    const n = this.lookupOrCreate(link, nexthop);
    const queued = this.eventSend(n, packet);
    this.netns.world.trace?.arp(
      this.netns,
      packet,
      link,
      nexthop,
      queued ? null : (n.lladdr ?? BROADCAST_MAC),
    );
    if (queued) return;
    this.transmit(n, packet);
  }

  /** Ready for a connected entry; the MAC might be stale, which is fine: DELAY will verify it. */
  private transmit(n: Neighbour, packet: Ipv4Packet): void {
    const link = n.link;
    devQueueXmit(
      link,
      new Ipv4Frame(link.mac, n.lladdr ?? BROADCAST_MAC, packet),
      ETH_HLEN + packet.totalLength,
    );
  }

  /** neigh_event_send: true when the packet was queued (or dropped) instead of sent. */
  private eventSend(n: Neighbour, packet: Ipv4Packet | null): boolean {
    const now = this.now;
    n.used = now;
    if (n.state & (NUD_CONNECTED | NUD.DELAY | NUD.PROBE)) return false;
    const p = this.params(n.link);
    let immediateProbe = false;
    if (!(n.state & (NUD.STALE | NUD.INCOMPLETE))) {
      if (p.mcastProbes + p.appProbes > 0) {
        n.probes = p.ucastProbes;
        n.state = NUD.INCOMPLETE;
        n.updated = now;
        immediateProbe = true;
        this.setTimer(n, Math.max(p.retransMs, 10));
      } else {
        n.state = NUD.FAILED;
        n.updated = now;
        if (packet) this.netns.ipv4.neighFailed(packet, n.link);
        return true;
      }
    } else if (n.state & NUD.STALE) {
      n.state = NUD.DELAY;
      n.updated = now;
      this.setTimer(n, p.delayFirstProbeMs);
    }
    let queued = false;
    if (n.state === NUD.INCOMPLETE) {
      if (packet) {
        const truesize = SKB_OVERHEAD + ETH_HLEN + packet.totalLength;
        while (n.queue.length > 0 && n.queueBytes + truesize > p.queueLenBytes) {
          const dropped = n.queue.shift()!;
          n.queueBytes -= dropped.truesize;
        }
        n.queue.push({ packet, truesize });
        n.queueBytes += truesize;
      }
      queued = true;
    }
    if (immediateProbe) this.probe(n);
    return queued;
  }

  /** neigh_probe: counts the probe and solicits with the newest queued packet's source. */
  private probe(n: Neighbour): void {
    n.probes++;
    const p = this.params(n.link);
    const last = n.queue.length > 0 ? n.queue[n.queue.length - 1].packet : null;
    const rest = n.probes - p.ucastProbes;
    if (rest < 0) {
      arpSolicit(this.netns, n.link, n.key, last?.src ?? null, n.lladdr);
    } else if (rest - p.appProbes >= 0) {
      arpSolicit(this.netns, n.link, n.key, last?.src ?? null, null);
    }
  }

  private maxProbes(n: Neighbour): number {
    const p = this.params(n.link);
    return p.ucastProbes + p.appProbes + (n.state & NUD.PROBE ? p.mcastReprobes : p.mcastProbes);
  }

  /** neigh_timer_handler. */
  private timerHandler(n: Neighbour): void {
    if (!(n.state & NUD_IN_TIMER)) return;
    const now = this.now;
    const p = this.params(n.link);
    let next = now + 1000;
    if (n.state & NUD.REACHABLE) {
      const reachable = this.reachableTimeOf(n.link);
      if (now <= n.confirmed + reachable) {
        next = n.confirmed + reachable;
      } else if (now <= n.used + p.delayFirstProbeMs) {
        n.state = NUD.DELAY;
        n.updated = now;
        next = now + p.delayFirstProbeMs;
      } else {
        n.state = NUD.STALE;
        n.updated = now;
      }
    } else if (n.state & NUD.DELAY) {
      if (now <= n.confirmed + p.delayFirstProbeMs) {
        n.state = NUD.REACHABLE;
        n.updated = now;
        next = n.confirmed + this.reachableTimeOf(n.link);
      } else {
        n.state = NUD.PROBE;
        n.updated = now;
        n.probes = 0;
        next = now + Math.max(p.retransMs, 10);
      }
    } else {
      next = now + Math.max(p.retransMs, 10);
    }
    if (n.state & (NUD.INCOMPLETE | NUD.PROBE) && n.probes >= this.maxProbes(n)) {
      n.state = NUD.FAILED;
      n.updated = now;
      this.invalidate(n);
      return;
    }
    if (n.state & NUD_IN_TIMER) this.setTimer(n, Math.max(next - now, 10));
    if (n.state & (NUD.INCOMPLETE | NUD.PROBE)) this.probe(n);
  }

  /** neigh_invalidate: every queued packet is reported as unreachable. */
  private invalidate(n: Neighbour): void {
    const queued = n.queue;
    n.queue = [];
    n.queueBytes = 0;
    for (const { packet } of queued) this.netns.ipv4.neighFailed(packet, n.link);
  }

  /** neigh_update (net/core/neighbour.c), returning an extack message on failure. */
  private update(n: Neighbour, lladdr: Mac | null, newState: NudState, flags: number): void {
    const old = n.state;
    const now = this.now;
    let state = newState;
    if (!(flags & F_ADMIN) && old & (NUD.NOARP | NUD.PERMANENT)) return;
    if (!(state & NUD_VALID)) {
      this.delTimer(n);
      n.state = state;
      if (old & (NUD.INCOMPLETE | NUD.PROBE) && state & NUD.FAILED) this.invalidate(n);
      return;
    }
    let addr: Mac;
    if (lladdr !== null) addr = lladdr;
    else if (old & NUD_VALID && n.lladdr !== null) addr = n.lladdr;
    else throw new NeighUpdateError('No link layer address given.');
    if (state & NUD_CONNECTED) n.confirmed = now;
    const changed = addr !== n.lladdr;
    if (old & NUD_VALID) {
      if (changed && !(flags & F_OVERRIDE)) return;
      if (!changed && state === NUD.STALE && !(flags & F_ADMIN)) state = old;
    }
    if (state !== old || changed) n.updated = now;
    if (state !== old) {
      this.delTimer(n);
      if (state & NUD.PROBE) n.probes = 0;
      if (state & NUD_IN_TIMER) this.setTimer(n, state & NUD.REACHABLE ? this.reachableTimeOf(n.link) : 0);
      n.state = state;
    }
    if (changed) {
      n.lladdr = addr;
      if (!(state & NUD_CONNECTED)) n.confirmed = now - 2 * this.params(n.link).baseReachableMs;
    }
    if (state === old) return;
    if (!(old & NUD_VALID)) {
      const queued = n.queue;
      n.queue = [];
      n.queueBytes = 0;
      for (const { packet } of queued) this.transmit(n, packet);
    }
  }

  /**
   * neigh_add (RTM_NEWNEIGH): `ip neigh add|change|replace`. Throws
   * KernelError (ENOENT, EEXIST) or NeighUpdateError (extack message).
   */
  adminUpdate(req: NeighRequest): void {
    let n = this.lookup(req.link, req.key);
    let flags = F_ADMIN | F_OVERRIDE;
    if (!n) {
      if (!req.create) fail('ENOENT');
      n = this.create(req.link, req.key);
    } else {
      if (req.exclusive) fail('EEXIST');
      if (!req.replace) flags &= ~F_OVERRIDE;
    }
    this.update(n, req.lladdr, req.state, flags);
  }

  /** neigh_delete (RTM_DELNEIGH): ENOENT when there is no such entry. */
  adminDelete(link: Link, key: IPv4): void {
    const n = this.lookup(link, key) ?? fail('ENOENT');
    this.update(n, null, NUD.FAILED, F_OVERRIDE | F_ADMIN);
    this.remove(n);
  }

  /**
   * An ARP frame arrived on `link` (arp_rcv/arp_process): answers requests
   * for our addresses and learns or refreshes the sender.
   */
  arpReceive(link: Link, arp: ArpPacket, pktType: PacketType): void {
    if (pktType === 'otherhost') return;
    if (link.kind === 'loopback' || link.kind === 'dummy') return;
    if (!arpTargetAcceptable(arp)) return;
    const { senderIp: sip, targetIp: tip, senderMac: sha } = arp;
    if (sip === 0) {
      if (arp.op === 1 && this.isLocalTarget(link, tip, 0)) this.arpReply(link, arp);
      return;
    }
    if (arp.op === 1 && this.isLocalTarget(link, tip, sip)) {
      // neigh_event_ns: the asker is on-link, remember it (STALE) before answering.
      this.update(this.lookupOrCreate(link, sip), sha, NUD.STALE, F_OVERRIDE);
      this.arpReply(link, arp);
      return;
    }
    const n = this.lookup(link, sip);
    if (!n) return;
    const p = this.params(link);
    const override = this.now > n.updated + p.locktimeMs || isGratuitous(arp);
    const state = arp.op !== 2 || pktType !== 'host' ? NUD.STALE : NUD.REACHABLE;
    this.update(n, sha, state, override ? F_OVERRIDE : 0);
  }

  /** ip_route_input for the request's target says local (arp_ignore=0, arp_filter=0). */
  private isLocalTarget(link: Link, tip: IPv4, sip: IPv4): boolean {
    return this.netns.ipv4.routesLocal({ dst: tip, src: sip, iif: link });
  }

  private arpReply(link: Link, req: ArpPacket): void {
    arpSend(link, 2, req.senderMac, {
      senderMac: link.mac,
      senderIp: req.targetIp,
      targetMac: req.senderMac,
      targetIp: req.senderIp,
    });
  }

  /**
   * A device went down, lost carrier or was removed: down or removal drops
   * every entry (neigh_ifdown), carrier loss keeps the permanent ones
   * (neigh_carrier_down; measured: a veth whose peer goes down forgets its
   * REACHABLE neighbours at once, `ip neigh` keeps only the PERMANENT ones).
   * Packets waiting for resolution are freed without an ICMP error.
   */
  linkChanged(link: Link): void {
    const gone = link.netns !== this.netns || this.netns.links.get(link.ifindex) !== link;
    if (!gone && link.adminUp && link.carrier) return;
    const keepPermanent = !gone && link.adminUp;
    const trace = this.netns.world.trace;
    for (const n of [...this.entries]) {
      if (n.link !== link) continue;
      if (keepPermanent && n.state & NUD.PERMANENT) continue;
      if (trace) for (const { packet } of n.queue) trace.drop(this.netns, packet, 'link-down', link.name);
      n.queue = [];
      n.queueBytes = 0;
      this.remove(n);
    }
    if (gone) this.reachableTime.delete(link);
  }
}

/** ip_eth_mc_map: 01:00:5e plus the low 23 bits of the group. */
function multicastMac(group: IPv4): Mac {
  const b = [0x01, 0x00, 0x5e, (group >>> 16) & 0x7f, (group >>> 8) & 0xff, group & 0xff];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}
