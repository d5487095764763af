import { describe, expect, it } from 'vitest';
import type { Ipv4Packet } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import { ah, esp } from './ipsec.js';
import { icmpPacket } from '../testing.js';

const packet = (protocol: number, data?: number[]): Ipv4Packet =>
  icmpPacket({ protocol, totalLength: 100, data: data && Uint8Array.from(data) });
const rule = (min: number, max: number, inv = false) => ({ name: 'x', data: { min, max, inv } });
const ctx = {} as NfCtx;

describe('esp and ah matches (spi_match)', () => {
  it('read the SPI where each header keeps it: ESP first, AH after next header, length, reserved', () => {
    const espPkt = packet(50, [0, 0, 1, 0, 0, 0, 0, 1]);
    const ahPkt = packet(51, [4, 4, 0, 0, 0, 0, 1, 0]);
    expect(esp.match(espPkt, ctx, rule(256, 256))).toBe(true);
    expect(esp.match(espPkt, ctx, rule(256, 256, true))).toBe(false);
    expect(ah.match(ahPkt, ctx, rule(0, 300))).toBe(true);
    expect(ah.match(ahPkt, ctx, rule(0, 300, true))).toBe(false);
  });

  it('never match a packet without the header bytes', () => {
    expect(esp.match(packet(50), ctx, rule(0, 0xffffffff))).toBe(false);
    expect(ah.match(packet(51, [1, 2, 3]), ctx, rule(0, 0xffffffff, true))).toBe(false);
  });
});
