import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { findCommand } from '../registry.js';

beforeAll(async () => {
  await findCommand('iptables-restore');
});

const HEAD = 'iptables-restore v1.8.9 (nf_tables): \n';

describe('iptables-restore: a batch failing validation reports the lines the replay blames', () => {
  it.each([
    {
      name: 'the rule connecting a loop to INPUT',
      text: '*filter\n:a - [0:0]\n:b - [0:0]\n-A a -j b\n-A b -j a\n-A INPUT -j a\nCOMMIT\n',
      lines: ['line 6: RULE_APPEND failed (Too many links): rule in chain INPUT'],
    },
    {
      name: 'the rule closing a reachable loop',
      text: '*filter\n:a - [0:0]\n:b - [0:0]\n-A INPUT -j a\n-A a -j b\n-A b -j a\nCOMMIT\n',
      lines: ['line 6: RULE_APPEND failed (Too many links): rule in chain b'],
    },
    {
      name: 'every rule added after the first failing one, insertions by their own op',
      text: '*filter\n:a - [0:0]\n:b - [0:0]\n-A a -j b\n-A b -j a\n-A OUTPUT -j b\n-I INPUT -j a\nCOMMIT\n',
      lines: [
        'line 6: RULE_APPEND failed (Too many links): rule in chain OUTPUT',
        'line 7: RULE_INSERT failed (Too many links): rule in chain INPUT',
      ],
    },
    {
      name: 'a match refused at a hook reached, then the rules after it',
      text: '*filter\n:a - [0:0]\n-A INPUT -j a\n-A a -m owner --uid-owner 0\n-A FORWARD -j ACCEPT\nCOMMIT\n',
      lines: [
        'line 4: RULE_APPEND failed (Invalid argument): rule in chain a',
        'line 5: RULE_APPEND failed (Invalid argument): rule in chain FORWARD',
      ],
    },
  ])('$name', async ({ text, lines }) => {
    const r = await runTool(new World(), ['iptables-restore'], { stdin: text });
    expect(r).toEqual({ stdout: '', stderr: HEAD + lines.map((l) => `${l}\n`).join(''), status: 4 });
  });

  it('blames by line past thousands of rules, comments and blank lines among them', async () => {
    // Rules in more than one chunk of the record, lines that do not follow one another, two chains.
    const lines = ['*filter', ':a - [0:0]', ':b - [0:0]'];
    for (let i = 0; i < 5000; i++) {
      lines.push(`-A a -s 10.0.${i >> 8}.${i & 255}/32 -j ACCEPT`);
      if (i % 1000 === 999) lines.push('# a comment', '');
    }
    lines.push('-A b -j a', '-A a -j b', '-A INPUT -j a', 'COMMIT');
    const r = await runTool(new World(), ['iptables-restore'], { stdin: lines.join('\n') + '\n' });
    expect(r.stderr).toBe(
      HEAD + `line ${lines.length - 1}: RULE_APPEND failed (Too many links): rule in chain INPUT\n`,
    );
  });

  it('a loop the batch undoes again, or one no base chain reaches, is no error', async () => {
    const w = new World();
    const undone =
      '*filter\n:a - [0:0]\n:b - [0:0]\n-A a -j b\n-A b -j a\n-A INPUT -j a\n-D INPUT -j a\nCOMMIT\n';
    expect((await runTool(w, ['iptables-restore'], { stdin: undone })).status).toBe(0);
  });
});
