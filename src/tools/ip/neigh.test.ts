import { describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { Link } from '../../kernel/link/link.js';
import type { IpContext } from './context.js';
import type { Proc } from '../process.js';
import { ipNeigh } from './neigh.js';

class Wire extends Link {
  readonly kind = 'veth' as const;
  get carrier(): boolean {
    return true;
  }
  xmit(): void {}
}

function run(world: World, args: string[], stats = 0) {
  const out = { stdout: '', stderr: '' };
  const proc = {
    stdout: { write: (t: string) => void (out.stdout += t) },
    stderr: { write: (t: string) => void (out.stderr += t) },
  } as unknown as Proc;
  const ctx: IpContext = {
    proc,
    netns: world.root,
    options: {
      family: null,
      brief: false,
      details: 0,
      stats,
      oneline: false,
      pretty: false,
      numeric: false,
      color: false,
    },
  };
  const status = ipNeigh(ctx, args) as number;
  return { ...out, status };
}

describe('ip neigh', () => {
  const world = new World();
  const v0 = new Wire(world.root, world.root.allocIfindex(), 'v0', '02:00:00:00:00:01');
  world.root.links.set(v0.ifindex, v0);
  it.each([
    ['add', ['add', '10.0.0.5', 'lladdr', '00:11:22:33:44:55', 'dev', 'v0'], '', '', 0],
    ['show', ['show'], '10.0.0.5 dev v0 lladdr 00:11:22:33:44:55 PERMANENT \n', '', 0],
    ['show dev', ['show', 'dev', 'v0'], '10.0.0.5 lladdr 00:11:22:33:44:55 PERMANENT \n', '', 0],
    [
      'duplicate',
      ['add', '10.0.0.5', 'lladdr', '00:11:22:33:44:55', 'dev', 'v0'],
      '',
      'RTNETLINK answers: File exists\n',
      2,
    ],
    [
      'no dev',
      ['add', '10.0.0.6', 'lladdr', '00:11:22:33:44:55'],
      '',
      'Device and destination are required arguments.\n',
      255,
    ],
    ['missing device', ['show', 'dev', 'x'], '', 'Cannot find device "x"\n', 1],
    ['bad nud', ['show', 'nud', 'bogus'], '', 'Error: argument "bogus" is wrong: nud state is bad\n', 255],
    ['stale', ['replace', '10.0.0.5', 'lladdr', '00:11:22:33:44:55', 'dev', 'v0', 'nud', 'stale'], '', '', 0],
    ['del', ['del', '10.0.0.5', 'dev', 'v0'], '', '', 0],
    ['del again', ['del', '10.0.0.5', 'dev', 'v0'], '', 'RTNETLINK answers: No such file or directory\n', 2],
    ['flush nothing', ['flush', 'dev', 'v0'], '', '', 0],
  ] as const)('%s', (_name, args, stdout, stderr, status) => {
    expect(run(world, [...args])).toEqual({ stdout, stderr, status });
  });
  it('flush -s reports rounds', () => {
    run(world, ['add', '10.0.0.7', 'lladdr', '00:11:22:33:44:55', 'dev', 'v0', 'nud', 'stale']);
    expect(run(world, ['flush', 'dev', 'v0'], 1).stdout).toBe(
      '\n*** Round 1, deleting 1 entries ***\n*** Flush is complete after 1 round ***\n',
    );
    expect(run(world, ['flush', 'dev', 'v0'], 1).stdout).toBe('Nothing to flush.\n');
  });
});
