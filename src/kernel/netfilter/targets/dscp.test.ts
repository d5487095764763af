import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import { DSCP } from './dscp.js';
import { icmpPacket } from '../testing.js';

const packet = icmpPacket({ tos: 0x03 });
const ctxOf = (p: Ipv4Packet): NfCtx => ({
  netns: new World().root,
  hook: 'POSTROUTING',
  in: null,
  out: null,
  l2: null,
  route: { input: false, local: false, broadcast: false },
  fromSocket: true,
  table: 'mangle',
  packet: p,
});

describe('DSCP target (dscp_tg)', () => {
  it('sets the six DSCP bits and keeps the ECN bits', () => {
    const ctx = ctxOf(packet);
    expect(DSCP.action(packet, ctx, { name: 'DSCP', data: { dscp: 0x2e } })).toBe('CONTINUE');
    expect(ctx.packet.tos).toBe(0xbb);
  });

  it('leaves a packet that already carries the value alone', () => {
    const p = { ...packet, tos: 0xb8 };
    const ctx = ctxOf(p);
    DSCP.action(p, ctx, { name: 'DSCP', data: { dscp: 0x2e } });
    expect(ctx.packet).toBe(p);
  });
});
