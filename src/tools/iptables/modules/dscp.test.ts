import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../testing.js';
import { findCommand } from '../../registry.js';
import { expectRefused } from '../testing.js';

beforeAll(async () => {
  await findCommand('iptables');
});

/** `-A INPUT` options -> `iptables -S`, the -L -n text and the -L text (iptables 1.8.9). */
const CASES: readonly (readonly [string[], string, string, string])[] = [
  [['-m', 'dscp', '--dscp', '10'], '-m dscp --dscp 0x0a', 'DSCP match 0x0a', 'DSCP match 0x0a'],
  [['-m', 'dscp', '!', '--dscp', '077'], '-m dscp ! --dscp 0x3f', 'DSCP match !0x3f', 'DSCP match !0x3f'],
  [['-m', 'dscp', '--dscp-class', 'af41'], '-m dscp --dscp 0x22', 'DSCP match 0x22', 'DSCP match 0x22'],
  [['-m', 'dscp', '--dscp-class', 'EFX'], '-m dscp --dscp 0x2e', 'DSCP match 0x2e', 'DSCP match 0x2e'],
  [['-m', 'tos', '--tos', '0x10'], '-m tos --tos 0x10/0xff', 'tos match0x10/0xff', 'tos match0x10/0xff'],
  [
    ['-m', 'tos', '!', '--tos', '0x10/0x3f'],
    '-m tos ! --tos 0x10/0x3f',
    'tos match!0x10/0x3f',
    'tos match! Minimize-Delay',
  ],
  [
    ['-m', 'tos', '--tos', 'normal-service'],
    '-m tos --tos 0x00/0x3f',
    'tos match0x00/0x3f',
    'tos match Normal-Service',
  ],
  [['-m', 'tos', '--tos', ' 5'], '-m tos --tos 0x05/0xff', 'tos match0x05/0xff', 'tos match0x05/0xff'],
  [['-m', 'tos', '--tos', '255/255'], '-m tos --tos 0xff/0xff', 'tos match0xff/0xff', 'tos match0xff/0xff'],
  [['-m', 'ecn', '--ecn-ip-ect', '1'], '-m ecn --ecn-ip-ect 1', 'ECN match ECT=1', 'ECN match ECT=1'],
  [
    ['-p', 'tcp', '-m', 'ecn', '!', '--ecn-tcp-ece', '--ecn-tcp-cwr', '!', '--ecn-ip-ect', '0'],
    '-p tcp -m ecn ! --ecn-tcp-ece --ecn-tcp-cwr ! --ecn-ip-ect 0',
    'ECN match !ECE CWR !ECT=0',
    'ECN match !ECE CWR !ECT=0',
  ],
];

/** The match text of an -L row: what follows the source and destination columns. */
const matchText = (line: string, at: string) => line.slice(line.indexOf(at) + at.length).trimStart();

describe('-m dscp, -m tos, -m ecn: -S and -L', () => {
  it.each(CASES)('%j', async (input, saved, numeric, named) => {
    const w = new World();
    expect(await runTool(w, ['iptables', '-A', 'INPUT', ...input])).toEqual({
      stdout: '',
      stderr: '',
      status: 0,
    });
    expect((await runTool(w, ['iptables', '-S', 'INPUT'])).stdout).toContain(`-A INPUT ${saved}\n`);
    const n = (await runTool(w, ['iptables', '-L', 'INPUT', '-n'])).stdout.split('\n')[2];
    expect(matchText(n, '0.0.0.0/0            0.0.0.0/0')).toBe(numeric);
    const l = (await runTool(w, ['iptables', '-L', 'INPUT'])).stdout.split('\n')[2];
    expect(matchText(l, 'anywhere             anywhere')).toBe(named);
  });
});

const ERRORS: readonly (readonly [string[], string])[] = [
  [['-m', 'dscp', '--dscp', '64'], 'dscp: bad value for option "--dscp", or out of range (0-63).\n'],
  [['-m', 'dscp', '--dscp-class', 'LE'], "Invalid DSCP value `LE'"],
  [['-m', 'dscp'], 'DSCP match: Parameter --dscp is required'],
  [
    ['-m', 'dscp', '--dscp', '1', '--dscp-class', 'EF'],
    'dscp: option "--dscp" cannot be used together with "--dscp-class".\n',
  ],
  [['-m', 'tos', '--tos', '256'], 'Symbolic name "256" is unknown'],
  [['-m', 'tos', '--tos', '0x10/0x300'], 'Illegal value: "0x10/0x300"'],
  [['-m', 'tos', '--tos', '0x10x'], 'Illegal value: "0x10x"'],
  [['-m', 'tos'], 'tos: option "--tos" must be specified\n'],
  [['-m', 'ecn', '--ecn-ip-ect', '4'], 'ecn: bad value for option "--ecn-ip-ect", or out of range (0-3).\n'],
  [['-m', 'ecn'], 'ECN match: some option required'],
];

describe('-m dscp, -m tos, -m ecn: parameter problems', () => {
  it.each(ERRORS)('%j', (input, msg) => expectRefused(input, msg));

  it('refuses the TCP bits of -m ecn without -p tcp in the kernel (ecn_mt_check4)', async () => {
    const r = await runTool(new World(), ['iptables', '-A', 'INPUT', '-m', 'ecn', '--ecn-tcp-cwr']);
    expect(r).toEqual({
      stdout: '',
      stderr: 'iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT\n',
      status: 4,
    });
  });
});
