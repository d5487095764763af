import { describe, expect, it } from 'vitest';
import { RttEstimator, modelTimeoutMs } from './tcp-rto.js';

describe('RTO (RFC 6298 with Linux floors)', () => {
  it.each([
    [1, 204],
    [47, 204],
    [4_001, 208],
    [100_000, 300],
  ])(
    'one RTT sample of %i us gives an RTO of %i ms (200 ms floor on the variance, jiffy rounding)',
    (us, rto) => {
      const e = new RttEstimator(200_000);
      e.sample(us);
      expect(e.rtoMs).toBe(rto);
    },
  );

  it('before any sample the RTO is TCP_TIMEOUT_INIT (1 s), and so is the probe timeout', () => {
    const e = new RttEstimator(200_000);
    expect(e.rtoMs).toBe(1000);
    expect(e.probeTimeoutMs(1, 1000)).toBe(1000);
  });

  it('the tail loss probe: 2 RTTs plus tcp_rto_min with one segment out, 2 RTTs plus 2 jiffies with more, never after the RTO', () => {
    const e = new RttEstimator(200_000);
    e.sample(47);
    expect(e.probeTimeoutMs(1, 204)).toBe(204);
    expect(e.probeTimeoutMs(3, 204)).toBe(12);
    expect(e.probeTimeoutMs(1, 100)).toBe(100);
  });

  it.each([
    [0, 200],
    [1, 600],
    [2, 1_400],
    [3, 3_000],
    [9, 204_600],
    [15, 924_600],
  ])('tcp_model_timeout(%i retries, 200 ms) is %i ms', (boundary, ms) => {
    expect(modelTimeoutMs(boundary, 200)).toBe(ms);
  });
});
