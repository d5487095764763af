import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import { TCP_FLAG } from '../../../net/packet.js';
import { icmpPacket, inputCtx, tcpHeader } from '../testing.js';
import { ECN } from './ecn.js';

const syn = (flags: number, tos = 0): Ipv4Packet =>
  icmpPacket({ protocol: 6, tos, totalLength: 40, l4: tcpHeader(flags, 20) });
const run = (p: Ipv4Packet, data: Record<string, unknown>) => {
  const ctx = inputCtx(new World().root, p, { hook: 'POSTROUTING', table: 'mangle' });
  expect(ECN.action(p, ctx, { name: 'ECN', data })).toBe('CONTINUE');
  return ctx.packet;
};

describe('ECN target (ecn_tg)', () => {
  it('sets ECE, CWR and the IP codepoint, keeping the DSCP bits', () => {
    const out = run(syn(TCP_FLAG.SYN, 0xb8), { ece: 1, cwr: 1, ect: 2 });
    expect(out.tos).toBe(0xba);
    expect(out.l4).toMatchObject({ flags: TCP_FLAG.SYN | TCP_FLAG.ECE | TCP_FLAG.CWR });
  });

  it('--ecn-tcp-remove clears both flags and leaves the IP header alone', () => {
    const p = syn(TCP_FLAG.SYN | TCP_FLAG.ECE | TCP_FLAG.CWR, 0x03);
    const out = run(p, { ece: 0, cwr: 0 });
    expect(out.tos).toBe(0x03);
    expect(out.l4).toMatchObject({ flags: TCP_FLAG.SYN });
  });

  it('leaves a packet that already says so untouched', () => {
    const p = syn(TCP_FLAG.SYN, 0x01);
    expect(run(p, { ect: 1, ece: 0 })).toBe(p);
  });
});
