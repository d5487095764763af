import type { Ipv4Packet } from '../net/packet.js';
import type { Netns } from './netns.js';

/** A slot's value with the namespace that attached it (immutable: one may be shared by many packets). */
export interface Attached<T> {
  readonly netns: Netns;
  readonly value: T;
}

/** The state an skb carries besides its headers: one symbol each (the trace id is kernel/trace/tag.ts's). */
export type SlotName = 'nfct' | 'nf_trace' | 'nf_bridge' | 'trace-id';

/**
 * Every slot's key, made here once: skbCopy writes them all, so each
 * packet the receive path owns has one shape (V8 then copies and reads it
 * through one hidden class instead of a megamorphic slow path).
 */
const K_NFCT: unique symbol = Symbol('nfct');
const K_NFTRACE: unique symbol = Symbol('nf_trace');
const K_BRIDGE: unique symbol = Symbol('nf_bridge');
export const TRACE_ID_KEY: unique symbol = Symbol('trace-id');
const K_TRACE = TRACE_ID_KEY;
const SLOT_KEY: Readonly<Record<Exclude<SlotName, 'trace-id'>, symbol>> = {
  nfct: K_NFCT,
  nf_trace: K_NFTRACE,
  nf_bridge: K_BRIDGE,
};

type Slotted = Ipv4Packet & Record<symbol, unknown>;

/**
 * Each slot's own read and write, its key written out: a keyed access
 * whose key varies (one SkbSlot method for every slot) is V8's
 * megamorphic path on every packet; one function per key is a field
 * access of the Skb's one shape.
 */
const SLOT_READ: Readonly<Record<Exclude<SlotName, 'trace-id'>, (p: Slotted) => unknown>> = {
  nfct: (p) => (p instanceof Skb ? skbNfct(p) : p[K_NFCT]),
  nf_trace: (p) => (p instanceof Skb ? skbNftrace(p) : p[K_NFTRACE]),
  nf_bridge: (p) => (p instanceof Skb ? skbBridge(p) : p[K_BRIDGE]),
};
// The stack's own packets read apart from other values: their one shape stays a field access.
const skbNfct = (p: Skb): unknown => p[K_NFCT];
const skbNftrace = (p: Skb): unknown => p[K_NFTRACE];
const skbBridge = (p: Skb): unknown => p[K_BRIDGE];
const SLOT_WRITE: Readonly<Record<Exclude<SlotName, 'trace-id'>, (p: Slotted, v: unknown) => void>> = {
  nfct: (p, v) => {
    p[K_NFCT] = v;
  },
  nf_trace: (p, v) => {
    p[K_NFTRACE] = v;
  },
  nf_bridge: (p, v) => {
    p[K_BRIDGE] = v;
  },
};

/**
 * The received datagram as the stack's own value (the skb netif_receive
 * hands up): every header field and every slot present from the start,
 * `mark` cleared when `scrubMark` (skb_scrub_packet). Fields the packet
 * lacks stay undefined, as they read when missing. Built by a constructor,
 * not a literal: a literal with symbol keys adds them one by one to a
 * property store it regrows (~500 bytes per packet); a constructor's
 * instances hold all fifteen fields in the object itself.
 */
export function skbCopy(packet: Ipv4Packet, scrubMark: boolean): Ipv4Packet {
  const p = packet as Slotted;
  return (p instanceof Skb ? copyOfSkb(p, scrubMark) : copyOfValue(p, scrubMark)) as unknown as Ipv4Packet;
}

/**
 * The copy of another namespace's skb (what a veth peer sent). Apart
 * from copyOfValue, same text: each reads one shape of packet, so V8
 * reads its fields in place instead of through a lookup per field (a
 * missing symbol key is a walk up the prototype chain).
 */
function copyOfSkb(p: Skb, scrubMark: boolean): Skb {
  return new Skb(
    p.src,
    p.dst,
    p.protocol,
    p.ttl,
    p.tos,
    p.id,
    p.totalLength,
    p.dontFragment,
    p.l4,
    p.data,
    scrubMark && p.mark ? 0 : p.mark,
    p[K_NFCT],
    p[K_NFTRACE],
    p[K_BRIDGE],
    p[K_TRACE],
  );
}

/** The copy of a packet value made elsewhere (a literal, a spread copy): see copyOfSkb. */
function copyOfValue(p: Slotted, scrubMark: boolean): Skb {
  return new Skb(
    p.src,
    p.dst,
    p.protocol,
    p.ttl,
    p.tos,
    p.id,
    p.totalLength,
    p.dontFragment,
    p.l4,
    p.data,
    scrubMark && p.mark ? 0 : p.mark,
    p[K_NFCT],
    p[K_NFTRACE],
    p[K_BRIDGE],
    p[K_TRACE],
  );
}

class Skb {
  // `declare`: no class fields (their initializer would run first, an extra store each).
  declare src: unknown;
  declare dst: unknown;
  declare protocol: unknown;
  declare ttl: unknown;
  declare tos: unknown;
  declare id: unknown;
  declare totalLength: unknown;
  declare dontFragment: unknown;
  declare l4: unknown;
  declare data: unknown;
  declare mark: unknown;
  declare [K_NFCT]: unknown;
  declare [K_NFTRACE]: unknown;
  declare [K_BRIDGE]: unknown;
  declare [K_TRACE]: unknown;

  constructor(
    src: unknown,
    dst: unknown,
    protocol: unknown,
    ttl: unknown,
    tos: unknown,
    id: unknown,
    totalLength: unknown,
    dontFragment: unknown,
    l4: unknown,
    data: unknown,
    mark: unknown,
    nfct: unknown,
    nftrace: unknown,
    bridge: unknown,
    trace: unknown,
  ) {
    this.src = src;
    this.dst = dst;
    this.protocol = protocol;
    this.ttl = ttl;
    this.tos = tos;
    this.id = id;
    this.totalLength = totalLength;
    this.dontFragment = dontFragment;
    this.l4 = l4;
    this.data = data;
    this.mark = mark;
    this[K_NFCT] = nfct;
    this[K_NFTRACE] = nftrace;
    this[K_BRIDGE] = bridge;
    this[K_TRACE] = trace;
  }
}

/**
 * The first Skb ever made holds no numbers: V8 then keeps each field as a
 * tagged value rather than an unboxed double, so a copy shares the
 * source's numbers instead of boxing every address above 2^31 anew.
 */
copyOfValue({} as Slotted, false);

/** A packet whose fields the stack may write (only ever the one skbOwned says it owns). */
export type MutablePacket = { -readonly [K in keyof Ipv4Packet]: Ipv4Packet[K] } & Record<symbol, unknown>;

/**
 * The received packet the stack is handling and that nothing else holds
 * (skbCopy's value, while ip_rcv runs it): its headers and slots are
 * written in place, as the kernel writes the skb (NAT, TTL, conntrack),
 * instead of being copied at each step. Anything that keeps a reference
 * (an ICMP error quoting it, a trace message) calls skbShare first, and
 * from then on every change copies as before.
 */
let owned: Ipv4Packet | null = null;

/** Makes `packet` (or nothing) the owned one; returns the previous owner for skbRelease. */
export function skbOwn(packet: Ipv4Packet | null): Ipv4Packet | null {
  const prev = owned;
  owned = packet;
  return prev;
}

/** Ends an skbOwn, giving ownership back to what held it before (a nested receive returns). */
export function skbRelease(prev: Ipv4Packet | null): void {
  owned = prev;
}

/** Whether the stack may write `packet` in place. */
export const skbOwned = (packet: Ipv4Packet): boolean => packet === owned;

/** `packet` is referenced from elsewhere now: no more writes in place. */
export function skbShare(packet: Ipv4Packet): void {
  if (packet === owned) owned = null;
}

/**
 * State the kernel keeps on an skb (its conntrack, skb extensions such as
 * nf_bridge) rides on the packet value under a symbol: the packet stays an
 * immutable plain value, and every copy the stack makes with a spread
 * (`{ ...packet, ttl }`) keeps it, as the same skb keeps it through the
 * stack. The namespace that attached it is recorded too: a packet that
 * crossed into another namespace does not carry it there (skb_scrub_packet).
 */
export class SkbSlot<T> {
  private readonly key: symbol;
  /** Reads and writes the slot's key in place: see SLOT_READ. */
  private readonly read: (packet: Slotted) => unknown;
  private readonly write: (packet: Slotted, value: unknown) => void;

  constructor(name: Exclude<SlotName, 'trace-id'>) {
    this.key = SLOT_KEY[name];
    this.read = SLOT_READ[name];
    this.write = SLOT_WRITE[name];
  }

  /** The value attached in `netns`, or undefined. */
  get(packet: Ipv4Packet, netns: Netns): T | undefined {
    const a = this.read(packet as Slotted) as Attached<T> | undefined;
    return a && a.netns === netns ? a.value : undefined;
  }

  /** The packet without the value, whichever namespace attached it (the same packet when none did). */
  clear(packet: Ipv4Packet): Ipv4Packet {
    if (this.read(packet as Slotted) === undefined) return packet;
    if (packet === owned) {
      this.write(packet as Slotted, undefined);
      return packet;
    }
    return { ...packet, [this.key]: undefined };
  }

  /** The same packet carrying `value` (or nothing). */
  set(packet: Ipv4Packet, netns: Netns, value: T | undefined): Ipv4Packet {
    return this.setAttached(packet, value === undefined ? undefined : { netns, value });
  }

  /** set() with the wrapper made beforehand (a caller that keeps one per value allocates nothing per packet). */
  setAttached(packet: Ipv4Packet, attached: Attached<T> | undefined): Ipv4Packet {
    if (packet === owned) {
      // skbCopy made the key: a write, not a new shape.
      this.write(packet as Slotted, attached);
      return packet;
    }
    // The same object either way; V8 adds a key missing from a spread copy
    // through a slow path (about 1 us), so a new key goes first instead.
    if (!Object.hasOwn(packet, this.key)) return { [this.key]: attached, ...packet };
    return { ...packet, [this.key]: attached };
  }
}
