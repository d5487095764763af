import { describe, expect, it } from 'vitest';
import { runTool } from '../../tools/testing.js';
import { findCommand } from '../../tools/registry.js';
import { Lab } from '../ipv4/test-lab.js';

describe('ICMP error rate limits', () => {
  it('ip_error and icmp_send drain the same peer bucket', async () => {
    await findCommand('ping');
    const lab = Lab.router();
    const r = lab.host('r');
    r.route('10.1.0.0/16', { type: 'unreachable' });
    const h1 = lab.host('h1').ns;
    const lines: string[] = [];
    // Three TTL errors, a net unreachable, then the unreachable route finds the bucket empty (as on Linux).
    for (const argv of [
      ['ping', '-c', '2', '-i', '0.1', '-W', '1', '-t', '1', '192.168.20.2'],
      ['ping', '-c', '1', '-W', '1', '-t', '1', '192.168.20.2'],
      ['ping', '-c', '1', '-W', '1', '10.9.9.9'],
      ['ping', '-c', '1', '-W', '1', '10.1.0.1'],
    ]) {
      const out = await runTool(lab.world, argv, { netns: h1 });
      lines.push(
        out.stdout
          .split('\n')
          .filter((l) => l.startsWith('From'))
          .join('|') || 'none',
      );
    }
    expect(lines).toEqual([
      'From 192.168.10.1 icmp_seq=1 Time to live exceeded|From 192.168.10.1 icmp_seq=2 Time to live exceeded',
      'From 192.168.10.1 icmp_seq=1 Time to live exceeded',
      'From 192.168.10.1 icmp_seq=1 Destination Net Unreachable',
      'none',
    ]);
  });

  it('lets errors through again after a quiet second', async () => {
    await findCommand('ping');
    const lab = Lab.router();
    const h1 = lab.host('h1').ns;
    const out = await runTool(lab.world, ['ping', '-c', '10', '-i', '0.002', '-t', '1', '192.168.20.2'], {
      netns: h1,
    });
    // Six in the burst (6 s of tokens), then one more per second of virtual time: -c 10 waits for 10 errors or -W.
    expect(out.stdout.match(/Time to live exceeded/g)?.length).toBe(6);
  });
});
