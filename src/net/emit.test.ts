import { describe, expect, it } from 'vitest';
import { checksum, emitIpv4 } from './emit.js';
import { parseIPv4 } from './ipv4.js';
import type { Ipv4Packet } from './packet.js';

const base = {
  src: parseIPv4('10.0.0.1')!,
  dst: parseIPv4('10.0.0.2')!,
  ttl: 64,
  tos: 0,
  id: 0x1234,
  dontFragment: true,
};

describe('emitIpv4', () => {
  it('lays out an echo request with valid IP and ICMP checksums', () => {
    const p: Ipv4Packet = {
      ...base,
      protocol: 1,
      totalLength: 32,
      l4: { kind: 'icmp', type: 8, code: 0, id: 0x0102, seq: 3 },
      data: Uint8Array.from([0xde, 0xad, 0xbe, 0xef]),
    };
    const b = emitIpv4(p);
    expect([...b.subarray(0, 12)]).toEqual([0x45, 0, 0, 32, 0x12, 0x34, 0x40, 0, 64, 1, b[10], b[11]]);
    expect([...b.subarray(12, 20)]).toEqual([10, 0, 0, 1, 10, 0, 0, 2]);
    expect(checksum(b, 0, 20)).toBe(0);
    expect([b[20], b[21], b[24], b[25], b[26], b[27]]).toEqual([8, 0, 1, 2, 0, 3]);
    expect([...b.subarray(28)]).toEqual([0xde, 0xad, 0xbe, 0xef]);
    expect(checksum(b, 20, 32)).toBe(0);
  });

  it('zero-fills a payload known only by its length, with a UDP header and pseudo-header checksum', () => {
    const p: Ipv4Packet = {
      ...base,
      protocol: 17,
      totalLength: 20 + 8 + 3,
      l4: { kind: 'udp', sport: 53, dport: 1024 },
    };
    const b = emitIpv4(p);
    expect([...b.subarray(20, 26)]).toEqual([0, 53, 4, 0, 0, 11]);
    expect([...b.subarray(28)]).toEqual([0, 0, 0]);
    const pseudo = 17 + 11 + (0x0a00 + 0x0001) + (0x0a00 + 0x0002);
    expect(checksum(b, 20, 31, pseudo)).toBe(0);
  });
});
