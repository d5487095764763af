import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../testing.js';
import { findCommand } from '../../registry.js';

beforeAll(async () => {
  await findCommand('iptables');
});

/** [table, chain, rule options] -> the -S rule text and the -L -n extension text (iptables 1.8.9, measured). */
const CASES: readonly (readonly [string, string, string[], string, string])[] = [
  ['mangle', 'POSTROUTING', ['-j', 'DSCP', '--set-dscp', '10'], '-j DSCP --set-dscp 0x0a', 'DSCP set 0x0a'],
  ['mangle', 'OUTPUT', ['-j', 'DSCP', '--set-dscp', '0x3f'], '-j DSCP --set-dscp 0x3f', 'DSCP set 0x3f'],
  [
    'mangle',
    'OUTPUT',
    ['-j', 'DSCP', '--set-dscp-class', 'af41'],
    '-j DSCP --set-dscp 0x22',
    'DSCP set 0x22',
  ],
  ['mangle', 'OUTPUT', ['-j', 'DSCP', '--set-dscp-class', 'BE'], '-j DSCP --set-dscp 0x00', 'DSCP set 0x00'],
  [
    'mangle',
    'OUTPUT',
    ['-j', 'CLASSIFY', '--set-class', '1:10'],
    '-j CLASSIFY --set-class 0001:0010',
    'CLASSIFY set 1:10',
  ],
  // sscanf("%x:%x"): 0x prefixes, signs, blanks and trailing text; TC_H_MAKE drops a major's high bits.
  [
    'filter',
    'OUTPUT',
    ['-j', 'CLASSIFY', '--set-class', '0x10:0x20'],
    '-j CLASSIFY --set-class 0010:0020',
    'CLASSIFY set 10:20',
  ],
  [
    'nat',
    'POSTROUTING',
    ['-j', 'CLASSIFY', '--set-class', '-1:-2'],
    '-j CLASSIFY --set-class ffff:fffe',
    'CLASSIFY set ffff:fffe',
  ],
  [
    'raw',
    'OUTPUT',
    ['-j', 'CLASSIFY', '--set-class', ' 1: 2x'],
    '-j CLASSIFY --set-class 0001:0002',
    'CLASSIFY set 1:2',
  ],
  [
    'filter',
    'FORWARD',
    ['-j', 'CLASSIFY', '--set-class', '10000:A'],
    '-j CLASSIFY --set-class 0000:000a',
    'CLASSIFY set 0:a',
  ],
  [
    'mangle',
    'FORWARD',
    ['-p', 'tcp', '-j', 'TCPMSS', '--clamp-mss-to-pmtu'],
    '-p tcp -j TCPMSS --clamp-mss-to-pmtu',
    'TCPMSS clamp to PMTU',
  ],
  // No exclusion between the two: the later one wins.
  [
    'mangle',
    'OUTPUT',
    ['-p', 'tcp', '-j', 'TCPMSS', '--set-mss', '1400', '--clamp-mss-to-pmtu'],
    '-p tcp -j TCPMSS --clamp-mss-to-pmtu',
    'TCPMSS clamp to PMTU',
  ],
  [
    'raw',
    'PREROUTING',
    ['-p', 'tcp', '-j', 'TCPMSS', '--clamp-mss-to-pmtu', '--set-mss', '0x100'],
    '-p tcp -j TCPMSS --set-mss 256',
    'TCPMSS set 256',
  ],
  [
    'filter',
    'INPUT',
    ['-p', 'tcp', '-j', 'TCPMSS', '--set-mss', '65515'],
    '-p tcp -j TCPMSS --set-mss 65515',
    'TCPMSS set 65515',
  ],
  [
    'mangle',
    'PREROUTING',
    ['-p', 'udp', '-j', 'CHECKSUM', '--checksum-fill'],
    '-p udp -j CHECKSUM --checksum-fill',
    'CHECKSUM fill',
  ],
  ['filter', 'INPUT', ['-j', 'NFLOG'], '-j NFLOG', ''],
  [
    'raw',
    'PREROUTING',
    [
      '-j',
      'NFLOG',
      '--nflog-threshold',
      '3',
      '--nflog-size',
      '64',
      '--nflog-prefix',
      'a b',
      '--nflog-group',
      '2',
    ],
    '-j NFLOG --nflog-prefix "a b" --nflog-group 2 --nflog-size 64 --nflog-threshold 3',
    'nflog-prefix "a b" nflog-group 2 nflog-size 64 nflog-threshold 3',
  ],
  // An nft log: no --nflog-range length, no zero threshold, a prefix of 127 characters at most.
  [
    'nat',
    'PREROUTING',
    ['-j', 'NFLOG', '--nflog-threshold', '0', '--nflog-size', '0'],
    '-j NFLOG --nflog-size 0',
    'nflog-size 0',
  ],
  [
    'filter',
    'INPUT',
    ['-j', 'NFLOG', '--nflog-prefix', 'x'.repeat(200)],
    `-j NFLOG --nflog-prefix ${'x'.repeat(127)}`,
    `nflog-prefix ${'x'.repeat(127)}`,
  ],
  ['filter', 'INPUT', ['-j', 'NFQUEUE'], '-j NFQUEUE --queue-num 0', 'NFQUEUE num 0'],
  [
    'mangle',
    'FORWARD',
    ['-j', 'NFQUEUE', '--queue-num', '65535', '--queue-bypass'],
    '-j NFQUEUE --queue-num 65535 --queue-bypass',
    'NFQUEUE num 65535 bypass',
  ],
  [
    'filter',
    'INPUT',
    ['-j', 'NFQUEUE', '--queue-cpu-fanout', '--queue-bypass', '--queue-balance', '0:1'],
    '-j NFQUEUE --queue-balance 0:1 --queue-bypass --queue-cpu-fanout',
    'NFQUEUE balance 0:1 bypass cpu-fanout',
  ],
  [
    'nat',
    'OUTPUT',
    ['-j', 'NFQUEUE', '--queue-balance', ':3'],
    '-j NFQUEUE --queue-balance 0:3',
    'NFQUEUE balance 0:3',
  ],
  [
    'raw',
    'OUTPUT',
    ['-j', 'NFQUEUE', '--queue-balance', '3:'],
    '-j NFQUEUE --queue-balance 3:65535',
    'NFQUEUE balance 3:65535',
  ],
  [
    'nat',
    'POSTROUTING',
    ['-j', 'TEE', '--gateway', '10.0.1.3'],
    '-j TEE --gateway 10.0.1.3',
    'TEE gw:10.0.1.3',
  ],
  [
    'mangle',
    'PREROUTING',
    ['-j', 'TEE', '--gateway', '1.2.3.4', '--oif', '0123456789abcdefgh'],
    '-j TEE --gateway 1.2.3.4 --oif 0123456789abcde',
    'TEE gw:1.2.3.4 oif=0123456789abcde',
  ],
  [
    'nat',
    'PREROUTING',
    ['-j', 'NETMAP', '--to', '10.1.2.3/16'],
    '-j NETMAP --to 10.1.0.0/16',
    'to:10.1.0.0/16',
  ],
  ['nat', 'INPUT', ['-j', 'NETMAP', '--to', '10.1.2'], '-j NETMAP --to 10.1.0.2/32', 'to:10.1.0.2/32'],
  [
    'nat',
    'OUTPUT',
    ['-j', 'NETMAP', '--to', '10.1.2.3/255.255.255.128'],
    '-j NETMAP --to 10.1.2.0/25',
    'to:10.1.2.0/25',
  ],
  // A non-contiguous mask or a prefix over 32 keeps the whole address.
  [
    'nat',
    'POSTROUTING',
    ['-j', 'NETMAP', '--to', '10.1.2.3/0.255.255.255'],
    '-j NETMAP --to 10.1.2.3/32',
    'to:10.1.2.3/32',
  ],
  [
    'nat',
    'POSTROUTING',
    ['-j', 'NETMAP', '--to', '10.1.2.3/128'],
    '-j NETMAP --to 10.1.2.3/32',
    'to:10.1.2.3/32',
  ],
  ['nat', 'POSTROUTING', ['-j', 'NETMAP', '--to', '10.1.2.3/0'], '-j NETMAP --to 0.0.0.0/0', 'to:0.0.0.0/0'],
  [
    'nat',
    'POSTROUTING',
    ['-j', 'NETMAP', '--to', '10.1.2.3/0x10'],
    '-j NETMAP --to 10.1.0.0/16',
    'to:10.1.0.0/16',
  ],
  [
    'mangle',
    'PREROUTING',
    ['-p', 'tcp', '-j', 'ECN', '--ecn-tcp-remove'],
    '-p tcp -j ECN --ecn-tcp-remove',
    'ECN TCP remove',
  ],
  [
    'mangle',
    'POSTROUTING',
    ['-p', 'tcp', '-j', 'ECN', '--ecn-ip-ect', '1', '--ecn-tcp-remove'],
    '-p tcp -j ECN --ecn-tcp-ece 0 --ecn-tcp-cwr 0 --ecn-ip-ect 1',
    'ECN ECE=0 CWR=0 ECT codepoint=1',
  ],
  ['mangle', 'OUTPUT', ['-j', 'ECN', '--ecn-ip-ect', '3'], '-j ECN --ecn-ip-ect 3', 'ECN ECT codepoint=3'],
];

/** The extension text of an -L -n row: what follows the source and destination columns. */
const extText = (line: string) => {
  const at = '0.0.0.0/0            0.0.0.0/0';
  return line.slice(line.indexOf(at) + at.length).trim();
};

describe('DSCP and other targets: -S, iptables-save and -L -n', () => {
  it.each(CASES)('-t %s -A %s %j', async (table, chain, input, saved, listed) => {
    const w = new World();
    const add = await runTool(w, ['iptables', '-t', table, '-A', chain, ...input]);
    expect(add).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await runTool(w, ['iptables', '-t', table, '-S', chain])).stdout).toContain(
      `-A ${chain} ${saved}\n`,
    );
    expect((await runTool(w, ['iptables-save', '-t', table])).stdout).toContain(`-A ${chain} ${saved}\n`);
    const row = (await runTool(w, ['iptables', '-t', table, '-L', chain, '-n'])).stdout.split('\n')[2];
    expect(extText(row)).toBe(listed);
    // What -S printed reads back as the same rule (words split as a shell would: `"a b"` is one).
    const words = [...saved.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map(
      (m) => m[2] ?? m[1].replace(/\\(.)/g, '$1'),
    );
    const again = await runTool(w, ['iptables', '-t', table, '-C', chain, ...words]);
    expect(again.status).toBe(0);
  });
});

const PREFIX = 'iptables v1.8.9 (nf_tables): ';
const APPEND_EINVAL = (chain: string) =>
  `${PREFIX} RULE_APPEND failed (Invalid argument): rule in chain ${chain}\n`;

/** [table, chain, rule options] -> the message (status 2), or the kernel's EINVAL (status 4) when `null`. */
const ERRORS: readonly (readonly [string, string, string[], string | null])[] = [
  ['mangle', 'OUTPUT', ['-j', 'DSCP'], 'DSCP target: Parameter --set-dscp is required'],
  [
    'mangle',
    'OUTPUT',
    ['-j', 'DSCP', '--set-dscp', '64'],
    'DSCP: bad value for option "--set-dscp", or out of range (0-63).\n',
  ],
  ['mangle', 'OUTPUT', ['-j', 'DSCP', '--set-dscp-class', 'foo'], "Invalid DSCP value `foo'"],
  [
    'mangle',
    'OUTPUT',
    ['-j', 'DSCP', '--set-dscp-class', 'EF', '--set-dscp', '1'],
    'DSCP: option "--set-dscp" cannot be used together with "--set-dscp-class".\n',
  ],
  [
    'mangle',
    'OUTPUT',
    ['-j', 'DSCP', '!', '--set-dscp', '1'],
    'DSCP: option "--set-dscp" cannot be inverted.\n',
  ],
  ['filter', 'OUTPUT', ['-j', 'DSCP', '--set-dscp', '1'], null],
  ['raw', 'OUTPUT', ['-j', 'DSCP', '--set-dscp', '1'], null],
  ['mangle', 'OUTPUT', ['-j', 'CLASSIFY'], 'CLASSIFY: option "--set-class" must be specified\n'],
  ['mangle', 'OUTPUT', ['-j', 'CLASSIFY', '--set-class', '1'], 'Bad class value "1"'],
  ['mangle', 'OUTPUT', ['-j', 'CLASSIFY', '--set-class', ':1'], 'Bad class value ":1"'],
  ['mangle', 'PREROUTING', ['-j', 'CLASSIFY', '--set-class', '1:1'], null],
  ['filter', 'INPUT', ['-j', 'CLASSIFY', '--set-class', '1:1'], null],
  ['mangle', 'OUTPUT', ['-p', 'tcp', '-j', 'TCPMSS'], 'TCPMSS target: At least one parameter is required'],
  [
    'mangle',
    'OUTPUT',
    ['-p', 'tcp', '-j', 'TCPMSS', '--set-mss', '65516'],
    'TCPMSS: bad value for option "--set-mss", or out of range (0-65515).\n',
  ],
  ['mangle', 'OUTPUT', ['-j', 'TCPMSS', '--set-mss', '1000'], null],
  ['mangle', 'OUTPUT', ['!', '-p', 'tcp', '-j', 'TCPMSS', '--set-mss', '1000'], null],
  ['mangle', 'PREROUTING', ['-p', 'tcp', '-j', 'TCPMSS', '--clamp-mss-to-pmtu'], null],
  ['filter', 'INPUT', ['-p', 'tcp', '-j', 'TCPMSS', '--clamp-mss-to-pmtu'], null],
  ['mangle', 'OUTPUT', ['-j', 'CHECKSUM'], 'CHECKSUM: option "--checksum-fill" must be specified\n'],
  [
    'mangle',
    'OUTPUT',
    ['-j', 'CHECKSUM', '!', '--checksum-fill'],
    'CHECKSUM: option "--checksum-fill" cannot be inverted.\n',
  ],
  ['filter', 'INPUT', ['-j', 'CHECKSUM', '--checksum-fill'], null],
  [
    'filter',
    'INPUT',
    ['-j', 'NFLOG', '--nflog-group', '65536'],
    'NFLOG: bad value for option "--nflog-group", or out of range (0-65535).\n',
  ],
  [
    'filter',
    'INPUT',
    ['-j', 'NFLOG', '--nflog-prefix', ''],
    'Argument must have a minimum length of 1 characters\n',
  ],
  [
    'filter',
    'INPUT',
    ['-j', 'NFLOG', '--nflog-size', '1', '--nflog-range', '2'],
    'NFLOG: option "--nflog-range" cannot be used together with "--nflog-size".\n',
  ],
  ['filter', 'INPUT', ['-j', 'NFQUEUE', '--queue-balance', '3:3'], '3 should be less than 3'],
  ['filter', 'INPUT', ['-j', 'NFQUEUE', '--queue-balance', '3'], 'Bad range "3"'],
  [
    'filter',
    'INPUT',
    ['-j', 'NFQUEUE', '--queue-balance', 'a:b'],
    'NFQUEUE: bad value for option "--queue-balance" near "a:b", or out of range (0-65535).\n',
  ],
  [
    'filter',
    'INPUT',
    ['-j', 'NFQUEUE', '--queue-balance', '1:65536'],
    'NFQUEUE: bad value for option "--queue-balance" near "65536", or out of range (0-65535).\n',
  ],
  [
    'filter',
    'INPUT',
    ['-j', 'NFQUEUE', '--queue-balance', '1:2:3'],
    'NFQUEUE: Too many components for option "--queue-balance" (max: 2)\n',
  ],
  [
    'filter',
    'INPUT',
    ['-j', 'NFQUEUE', '--queue-cpu-fanout'],
    'NFQUEUE: option "--queue-cpu-fanout" also requires "--queue-balance".\n',
  ],
  [
    'filter',
    'INPUT',
    ['-j', 'NFQUEUE', '--queue-balance', '1:2', '--queue-num', '1'],
    'NFQUEUE: option "--queue-num" cannot be used together with "--queue-balance".\n',
  ],
  ['mangle', 'OUTPUT', ['-j', 'TEE', '--oif', 'eth0'], 'TEE: option "--gateway" must be specified\n'],
  ['mangle', 'OUTPUT', ['-j', 'TEE', '--gateway', '1.2.3.4/24'], 'getaddrinfo: Name or service not known\n'],
  ['mangle', 'OUTPUT', ['-j', 'TEE', '--gateway', '0.0.0.0'], null],
  ['nat', 'PREROUTING', ['-j', 'NETMAP'], 'NETMAP: option "--to" must be specified\n'],
  [
    'nat',
    'PREROUTING',
    ['-j', 'NETMAP', '--to', '10.2.0.0/24:80'],
    'NETMAP: bad value for option "--to", neither a valid network mask nor valid CIDR (0-32).\n',
  ],
  [
    'nat',
    'PREROUTING',
    ['-j', 'NETMAP', '--to', '10.2.0.0/4294967296'],
    'NETMAP: bad value for option "--to", neither a valid network mask nor valid CIDR (0-32).\n',
  ],
  ['mangle', 'PREROUTING', ['-j', 'NETMAP', '--to', '10.2.0.0/24'], null],
  ['mangle', 'OUTPUT', ['-p', 'tcp', '-j', 'ECN'], 'ECN target: An operation is required'],
  [
    'mangle',
    'OUTPUT',
    ['-p', 'tcp', '-j', 'ECN', '--ecn-tcp-cwr', '2'],
    'ECN: bad value for option "--ecn-tcp-cwr", or out of range (0-1).\n',
  ],
  [
    'mangle',
    'OUTPUT',
    ['-p', 'tcp', '-j', 'ECN', '--ecn-tcp-ece', '1', '--ecn-tcp-remove'],
    'ECN: option "--ecn-tcp-remove" cannot be used together with "--ecn-tcp-ece".\n',
  ],
  ['mangle', 'OUTPUT', ['-j', 'ECN', '--ecn-tcp-remove'], null],
  ['filter', 'OUTPUT', ['-p', 'tcp', '-j', 'ECN', '--ecn-tcp-remove'], null],
  // 65536 queues do not fit nfqueue's u16 count: the kernel refuses.
  ['filter', 'INPUT', ['-j', 'NFQUEUE', '--queue-balance', '0:65535'], null],
];

describe('DSCP and other targets: parameter problems and kernel refusals', () => {
  it.each(ERRORS)('-t %s -A %s %j', async (table, chain, input, msg) => {
    const r = await runTool(new World(), ['iptables', '-t', table, '-A', chain, ...input]);
    if (msg === null) expect(r).toEqual({ stdout: '', stderr: APPEND_EINVAL(chain), status: 4 });
    else {
      expect(r.status).toBe(2);
      // After any warning (--nflog-range's) printed while parsing.
      expect(r.stderr).toContain(`${PREFIX}${msg}\n`);
    }
  });

  it('warns about --nflog-range on stderr, then drops its length', async () => {
    const w = new World();
    expect(await runTool(w, ['iptables', '-A', 'INPUT', '-j', 'NFLOG', '--nflog-range', '100'])).toEqual({
      stdout: '',
      stderr:
        'warn: --nflog-range has never worked and is no longer supported, please use --nflog-size instead\n',
      status: 0,
    });
    expect((await runTool(w, ['iptables', '-S', 'INPUT'])).stdout).toBe(
      '-P INPUT ACCEPT\n-A INPUT -j NFLOG\n',
    );
  });

  it('refuses a jump from INPUT to a user chain that CLASSIFYs (xt_CLASSIFY hooks)', async () => {
    const w = new World();
    await runTool(w, ['iptables', '-N', 'U']);
    expect((await runTool(w, ['iptables', '-A', 'U', '-j', 'CLASSIFY', '--set-class', '1:1'])).status).toBe(
      0,
    );
    expect(await runTool(w, ['iptables', '-A', 'INPUT', '-j', 'U'])).toEqual({
      stdout: '',
      stderr: APPEND_EINVAL('INPUT'),
      status: 4,
    });
    expect((await runTool(w, ['iptables', '-A', 'OUTPUT', '-j', 'U'])).status).toBe(0);
  });
});
