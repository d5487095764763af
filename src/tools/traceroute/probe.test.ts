import { describe, expect, it } from 'vitest';
import { checkExpired, formatProbe, icmpResult, newProbe, probeTimeout } from './probe.js';
import type { Probe } from './probe.js';

const answered = (res: number, rttMs: number, extra: Partial<Probe> = {}): Probe => ({
  ...newProbe(),
  sent: true,
  sendTime: 0,
  recvTime: rttMs,
  done: true,
  res,
  ...extra,
});
const pending = (): Probe => ({ ...newProbe(), sent: true });

describe('traceroute probes', () => {
  it('waits HERE times a hop-mate round trip, NEAR times a later one, else MAX', () => {
    const t = { waitMs: 5000, hereFactor: 3, nearFactor: 10 };
    const probes = [answered(1, 0.95), pending(), pending(), answered(2, 1.95)];
    expect(probeTimeout(probes, 1, 3, t)).toBeCloseTo(6);
    expect(probeTimeout([pending(), pending(), pending(), answered(2, 1.95)], 0, 3, t)).toBeCloseTo(30);
    expect(probeTimeout([pending(), pending()], 0, 1, t)).toBe(5000);
  });

  it('maps ICMP errors to annotations', () => {
    expect(icmpResult(11, 0, 0)).toEqual({ errStr: '', final: false });
    expect([1, 0, 13, 2, 3, 4].map((c) => icmpResult(3, c, 1400).errStr)).toEqual([
      '!H',
      '!N',
      '!X',
      '!P',
      '',
      '!F-1400',
    ]);
    expect(icmpResult(12, 0, 0)).toEqual({ errStr: '!<12-0>', final: true });
  });

  it('moves a later unreachable answer from the same router into an expired slot', () => {
    const probes = [
      answered(7, 0),
      { ...newProbe(), sent: true, done: true },
      answered(7, 0, { final: true, errStr: '!H' }),
    ];
    checkExpired(probes, 1, 1);
    expect(probes[1].errStr).toBe('!H');
    expect(probes[2].res).toBeNull();
  });

  it('prints the address only when it changes within a hop', () => {
    const probes = [answered(0x0a000001, 0), { ...newProbe(), done: true }, answered(0x0a000001, 0)];
    expect([0, 1, 2].map((i) => formatProbe(probes, i, 3, true)).join('')).toBe(
      '\n 1  10.0.0.1  0.050 ms *  0.050 ms',
    );
  });
});
