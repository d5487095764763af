import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';

describe('xtables-monitor arguments (getopt_long "ceht46V")', () => {
  const cases: [string, string[], unknown][] = [
    ['nothing to listen to is usage', [], { kind: 'usage' }],
    ['-h is usage even after -t', ['-t', '-h'], { kind: 'usage' }],
    ['-V', ['-V'], { kind: 'version' }],
    ['an unknown option', ['-x'], { kind: 'bad' }],
    ['an unknown long option', ['--foo'], { kind: 'bad' }],
    [
      'a long option prefix',
      ['--tr'],
      { kind: 'run', trace: true, events: false, counters: false, ipv6: false },
    ],
    ['bundled letters', ['-tec6'], { kind: 'run', trace: true, events: true, counters: true, ipv6: true }],
    [
      'words that are not options are ignored',
      ['x', '-e'],
      { kind: 'run', trace: false, events: true, counters: false, ipv6: false },
    ],
  ];
  for (const [name, argv, want] of cases) it(name, () => expect(parseArgs(argv)).toEqual(want));
});
