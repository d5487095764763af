import { describe, expect, it } from 'vitest';
import { renderSteps, StepLog } from './host.js';

describe('StepLog', () => {
  it('gives back each step as recorded, stdin text or made again when read', () => {
    const log = new StepLog();
    let made = 0;
    log.push(null, ['ip', 'netns', 'add', 'n1']);
    log.push('n1', ['ip', '-batch', '-'], () => `route add 10.0.${made++}.0/24 dev eth0\n`);
    log.push('n1', ['iptables-restore'], '*nat\nCOMMIT\n');
    expect(log.length).toBe(3);
    expect([...log]).toEqual([
      { netns: null, argv: ['ip', 'netns', 'add', 'n1'] },
      { netns: 'n1', argv: ['ip', '-batch', '-'], stdin: 'route add 10.0.0.0/24 dev eth0\n' },
      { netns: 'n1', argv: ['iptables-restore'], stdin: '*nat\nCOMMIT\n' },
    ]);
    expect(renderSteps(log)).toBe(
      'ip netns add n1\n' +
        "ip netns exec n1 ip -batch - <<'EOF'\nroute add 10.0.1.0/24 dev eth0\nEOF\n" +
        "ip netns exec n1 iptables-restore <<'EOF'\n*nat\nCOMMIT\nEOF\n",
    );
  });

  it('is cleared by setting its length to 0, and only to 0', () => {
    const log = new StepLog();
    log.push(null, ['true'], 'x');
    log.length = 0;
    expect([...log]).toEqual([]);
    log.push(null, ['ip', 'link']);
    expect(log.at(0)).toEqual({ netns: null, argv: ['ip', 'link'] });
    expect(() => (log.length = 1)).toThrow(RangeError);
  });
});
