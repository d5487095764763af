import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { parseIPv4 } from '../../../net/ipv4.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import { TCP_FLAG } from '../../../net/packet.js';
import { inputCtx } from '../testing.js';
import { ECN } from './ecn.js';

const syn = (flags: number, tos = 0): Ipv4Packet => ({
  src: parseIPv4('10.0.0.1')!,
  dst: parseIPv4('10.0.0.2')!,
  protocol: 6,
  ttl: 64,
  tos,
  id: 1,
  totalLength: 40,
  dontFragment: true,
  l4: { kind: 'tcp', sport: 40000, dport: 80, seq: 1, ack: 0, flags, window: 64240, headerLength: 20 },
});
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
