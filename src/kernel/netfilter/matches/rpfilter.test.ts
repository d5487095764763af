import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { runTool } from '../../../tools/testing.js';
import { findCommand } from '../../../tools/registry.js';

beforeAll(async () => {
  for (const tool of ['ip', 'iptables', 'ping']) await findCommand(tool);
});

/**
 * b has 10.0.0.0/24 on vb (towards a) and 10.0.1.0/24 on vd; marked
 * packets route 10.0.1.0/24 via vb (table 100). a sends one ping
 * from `src`; the raw PREROUTING counters of b's rpfilter rules say which
 * passed the reverse path test.
 */
async function passes(src: string): Promise<Record<string, number>> {
  const w = new World();
  const sh = async (...argv: string[]) => {
    const r = await runTool(w, argv);
    if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  for (const ns of ['a', 'b']) await sh('ip', 'netns', 'add', ns);
  await sh('ip', 'link', 'add', 'va', 'netns', 'a', 'type', 'veth', 'peer', 'name', 'vb', 'netns', 'b');
  await sh('ip', '-n', 'b', 'link', 'add', 'vd', 'type', 'dummy');
  for (const [ns, dev] of [
    ['a', 'va'],
    ['b', 'vb'],
    ['b', 'vd'],
  ])
    await sh('ip', '-n', ns, 'link', 'set', dev, 'up');
  for (const addr of ['10.0.0.1/24', '10.0.1.5/24', '10.9.9.9/32'])
    await sh('ip', '-n', 'a', 'addr', 'add', addr, 'dev', 'va');
  for (const [addr, dev] of [
    ['10.0.0.2/24', 'vb'],
    ['10.9.9.9/32', 'vb'],
    ['10.0.1.1/24', 'vd'],
  ])
    await sh('ip', '-n', 'b', 'addr', 'add', addr, 'dev', dev);
  await sh('ip', '-n', 'b', 'rule', 'add', 'fwmark', '7', 'table', '100');
  await sh('ip', '-n', 'b', 'route', 'add', '10.0.1.0/24', 'dev', 'vb', 'table', '100');
  // Resolve b's MAC first: b answers no ARP request sent from its own address (10.9.9.9).
  await runTool(w, ['ip', 'netns', 'exec', 'a', 'ping', '-c1', '-W1', '10.0.0.2']);
  const ipt = (...args: string[]) =>
    sh('ip', 'netns', 'exec', 'b', 'iptables', '-t', 'raw', '-A', 'PREROUTING', '-i', 'vb', ...args);
  await ipt('-j', 'MARK', '--set-mark', '7');
  const flags = ['', '--loose', '--validmark', '--accept-local', '--invert'];
  for (const f of flags) await ipt('-m', 'rpfilter', ...(f ? [f] : []));
  await runTool(w, ['ip', 'netns', 'exec', 'a', 'ping', '-c1', '-W1', '-I', src, '10.0.0.2']);
  const listed = await sh(
    'ip',
    'netns',
    'exec',
    'b',
    'iptables',
    '-t',
    'raw',
    '-L',
    'PREROUTING',
    '-n',
    '-v',
    '-x',
  );
  const counts = listed
    .split('\n')
    .slice(3, 3 + flags.length)
    .map((l) => Number(l.trim().split(/\s+/)[0]));
  return Object.fromEntries(flags.map((f, k) => [f || 'strict', counts[k]]));
}

describe('rpfilter match (xt_rpfilter)', () => {
  it('passes a source routed back through the arrival device', async () => {
    expect(await passes('10.0.0.1')).toEqual({
      strict: 1,
      '--loose': 1,
      '--validmark': 1,
      '--accept-local': 1,
      '--invert': 0,
    });
  });

  it('fails a source routed elsewhere, unless loose or routed back by its mark', async () => {
    expect(await passes('10.0.1.5')).toEqual({
      strict: 0,
      '--loose': 1,
      '--validmark': 1,
      '--accept-local': 0,
      '--invert': 1,
    });
  });

  it('fails a local source unless --accept-local', async () => {
    expect(await passes('10.9.9.9')).toEqual({
      strict: 0,
      '--loose': 0,
      '--validmark': 0,
      '--accept-local': 1,
      '--invert': 1,
    });
  });
});
