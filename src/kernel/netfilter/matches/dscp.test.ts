import { describe, expect, it } from 'vitest';
import type { Ipv4Packet } from '../../../net/packet.js';
import { IPPROTO, TCP_FLAG } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import type { MatchImpl } from '../context.js';
import { dscp, tos } from './dscp.js';
import { ecn } from './ecn.js';
import { icmpPacket } from '../testing.js';

const packet = (tosByte: number, tcpFlags?: number): Ipv4Packet =>
  icmpPacket({
    protocol: tcpFlags === undefined ? IPPROTO.ICMP : IPPROTO.TCP,
    tos: tosByte,
    totalLength: 60,
    ...(tcpFlags === undefined
      ? {}
      : { l4: { kind: 'tcp', sport: 1, dport: 2, seq: 0, ack: 0, flags: tcpFlags, window: 0 } as never }),
  });

const run = (impl: MatchImpl, p: Ipv4Packet, data: Record<string, unknown>) =>
  impl.match(p, {} as NfCtx, { name: 'x', data });

describe('DS field matches (xt_dscp, xt_ecn) on TOS 0xb9: DSCP EF, ECN codepoint 1', () => {
  const p = packet(0xb9);
  it.each([
    { name: 'dscp 0x2e', impl: dscp, data: { dscp: 0x2e }, want: true },
    { name: 'dscp ! 0x2e', impl: dscp, data: { dscp: 0x2e, inv: true }, want: false },
    { name: 'dscp 0x2f', impl: dscp, data: { dscp: 0x2f }, want: false },
    { name: 'tos 0xb8/0xfc', impl: tos, data: { value: 0xb8, mask: 0xfc }, want: true },
    { name: 'tos Minimize-Delay (0x10/0x3f)', impl: tos, data: { value: 0x10, mask: 0x3f }, want: false },
    { name: 'tos ! 0x39/0x3f', impl: tos, data: { value: 0x39, mask: 0x3f, inv: true }, want: false },
    { name: 'ecn-ip-ect 1', impl: ecn, data: { op: 0x01, inv: 0, ect: 1 }, want: true },
    { name: 'ecn ! ecn-ip-ect 1', impl: ecn, data: { op: 0x01, inv: 0x01, ect: 1 }, want: false },
    { name: 'ecn-tcp-ece on ICMP', impl: ecn, data: { op: 0x10, inv: 0 }, want: false },
  ])('$name: $want', ({ impl, data, want }) => {
    expect(run(impl, p, data)).toBe(want);
  });

  it('checks ECE and CWR on the TCP header, each inverted on its own', () => {
    const synEcn = packet(0, TCP_FLAG.SYN | TCP_FLAG.ECE | TCP_FLAG.CWR);
    const plain = packet(0, TCP_FLAG.SYN);
    expect(run(ecn, synEcn, { op: 0x30, inv: 0 })).toBe(true);
    expect(run(ecn, plain, { op: 0x30, inv: 0 })).toBe(false);
    expect(run(ecn, plain, { op: 0x10, inv: 0x10 })).toBe(true);
    expect(run(ecn, synEcn, { op: 0x30, inv: 0x20 })).toBe(false);
  });
});
