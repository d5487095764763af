import type { Ipv4Packet } from '../../../net/packet.js';
import type { MatchImpl } from '../context.js';

type Range = readonly [number, number];

const inRange = (port: number, r: Range | undefined): boolean => !r || (port >= r[0] && port <= r[1]);

/** xt_tcpudp port_match: an unset range matches; the invert flag flips a set one. */
function portMatch(port: number, r: unknown, invert: unknown): boolean {
  if (!r) return true;
  return inRange(port, r as Range) !== Boolean(invert);
}

function ports(packet: Ipv4Packet, kind: 'tcp' | 'udp'): { sport: number; dport: number } | null {
  const l4 = packet.l4;
  return l4 && l4.kind === kind ? l4 : null;
}

/** tcp_mt: ports, then --tcp-flags (flags & mask) == cmp; options are not carried, so --tcp-option only matches inverted. */
export const tcp: MatchImpl = {
  match(packet, _ctx, m) {
    const h = packet.l4;
    if (!h || h.kind !== 'tcp') return false;
    const d = m.data;
    if (!portMatch(h.sport, d.sport, d.sportInv) || !portMatch(h.dport, d.dport, d.dportInv)) return false;
    const f = d.flags as { mask: number; cmp: number } | undefined;
    if (f && ((h.flags & f.mask) === f.cmp) === Boolean(d.flagsInv)) return false;
    if (d.option !== undefined && !d.optionInv) return false;
    return true;
  },
};

export const udp: MatchImpl = {
  match(packet, _ctx, m) {
    const h = ports(packet, 'udp');
    if (!h) return false;
    return (
      portMatch(h.sport, m.data.sport, m.data.sportInv) && portMatch(h.dport, m.data.dport, m.data.dportInv)
    );
  },
};

/** multiport_mt (revision 1): any listed port or range, then the invert flag. */
export const multiport: MatchImpl = {
  match(packet, _ctx, m) {
    const h = packet.l4;
    if (!h || (h.kind !== 'tcp' && h.kind !== 'udp')) return false;
    const items = m.data.items as readonly Range[];
    const kind = m.data.kind as string;
    const hit = items.some(
      (r) =>
        ((kind === 'sports' || kind === 'ports') && inRange(h.sport, r)) ||
        ((kind === 'dports' || kind === 'ports') && inRange(h.dport, r)),
    );
    return hit !== Boolean(m.data.inv);
  },
};
