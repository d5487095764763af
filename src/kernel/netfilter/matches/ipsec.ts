import type { MatchImpl } from '../context.js';
import type { Ipv4Packet } from '../../../net/packet.js';

/** The 32-bit SPI at `offset` of the IP payload (ESP: 0, AH: 4), when the packet carries those bytes. */
function spiAt(packet: Ipv4Packet, offset: number): number | null {
  const b = packet.data;
  if (!b || b.length < offset + 4) return null;
  return ((b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3]) >>> 0;
}

/**
 * spi_match (xt_esp.c, ipt_ah.c): the SPI within [min, max], `!`
 * reversing it. Nothing in the twin builds ESP or AH headers: a packet
 * without them never matches (the kernel drops a truncated one).
 */
const spiMatch =
  (offset: number): MatchImpl['match'] =>
  (packet, _ctx, m) => {
    const spi = spiAt(packet, offset);
    if (spi === null) return false;
    return (spi >= (m.data.min as number) && spi <= (m.data.max as number)) !== Boolean(m.data.inv);
  };

export const esp: MatchImpl = { match: spiMatch(0) };
export const ah: MatchImpl = { match: spiMatch(4) };
