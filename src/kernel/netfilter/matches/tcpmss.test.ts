import { describe, expect, it } from 'vitest';
import type { Ipv4Packet, TcpOptions } from '../../../net/packet.js';
import { IPPROTO, TCP_FLAG } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import { tcpmss } from './tcpmss.js';
import { icmpPacket, tcpHeader } from '../testing.js';

/** 10.0.0.1:40000 -> 10.0.0.2:80 with 20 bytes of TCP options room. */
const segment = (flags: number, options?: TcpOptions): Ipv4Packet =>
  icmpPacket({ protocol: IPPROTO.TCP, totalLength: 60, l4: tcpHeader(flags, 40, options) });
const rule = (min: number, max: number, inv = false) => ({ name: 'tcpmss', data: { min, max, inv } });
const syn = segment(TCP_FLAG.SYN, { mss: 1460, sackPermitted: true });
const ack = segment(TCP_FLAG.ACK, { timestamp: { val: 1, ecr: 1 } });

describe('tcpmss match (xt_tcpmss)', () => {
  it.each([
    ['SYN with MSS 1460 in 1460', syn, rule(1460, 1460), true],
    ['SYN with MSS 1460 in 1000:1400', syn, rule(1000, 1400), false],
    ['SYN with MSS 1460, ! 1000:1400', syn, rule(1000, 1400, true), true],
    ['ACK without MSS in 0:65535', ack, rule(0, 65535), false],
    ['ACK without MSS, ! 0:65535', ack, rule(0, 65535, true), true],
    ['no options at all, ! 1460', segment(TCP_FLAG.ACK), rule(1460, 1460, true), true],
  ])('%s: %s', (_name, packet, m, want) => {
    expect(tcpmss.match(packet, {} as NfCtx, m)).toBe(want);
  });
});
