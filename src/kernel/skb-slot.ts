import type { Ipv4Packet } from '../net/packet.js';
import type { Netns } from './netns.js';

interface Attached<T> {
  readonly netns: Netns;
  readonly value: T;
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

  constructor(name: string) {
    this.key = Symbol(name);
  }

  /** The value attached in `netns`, or undefined. */
  get(packet: Ipv4Packet, netns: Netns): T | undefined {
    const a = (packet as Ipv4Packet & Record<symbol, Attached<T> | undefined>)[this.key];
    return a && a.netns === netns ? a.value : undefined;
  }

  /** The packet without the value, whichever namespace attached it (the same packet when none did). */
  clear(packet: Ipv4Packet): Ipv4Packet {
    if ((packet as Ipv4Packet & Record<symbol, unknown>)[this.key] === undefined) return packet;
    return { ...packet, [this.key]: undefined };
  }

  /** The same packet carrying `value` (or nothing). */
  set(packet: Ipv4Packet, netns: Netns, value: T | undefined): Ipv4Packet {
    const attached = value === undefined ? undefined : { netns, value };
    // The same object either way; V8 adds a key missing from a spread copy
    // through a slow path (about 1 us), so a new key goes first instead.
    if (!Object.hasOwn(packet, this.key)) return { [this.key]: attached, ...packet };
    return { ...packet, [this.key]: attached };
  }
}
