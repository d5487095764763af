import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { findCommand } from '../registry.js';

beforeAll(async () => {
  for (const c of ['iptables', 'iptables-save', 'iptables-restore']) await findCommand(c);
});

const ipt = (w: World, ...args: string[]) => runTool(w, ['iptables', ...args]);

/** Rules as typed -> as `iptables -S` prints them on the reference machine. */
const SAVE_CASES: readonly (readonly [string, string])[] = [
  ['-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT'],
  [
    '-A INPUT -p tcp --sport 1000:2000 --dport 80 --tcp-flags SYN,ACK SYN -j ACCEPT',
    '-A INPUT -p tcp -m tcp --sport 1000:2000 --dport 80 --tcp-flags SYN,ACK SYN -j ACCEPT',
  ],
  ['-A INPUT -p tcp ! --syn -j ACCEPT', '-A INPUT -p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT'],
  ['-A INPUT -p 6 -j ACCEPT', '-A INPUT -p tcp -j ACCEPT'],
  ['-A INPUT -p icmp --icmp-type echo-request -j ACCEPT', '-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT'],
  ['-A INPUT -p icmp --icmp-type 3/1 -j ACCEPT', '-A INPUT -p icmp -m icmp --icmp-type 3/1 -j ACCEPT'],
  [
    '-A INPUT -p udp -m multiport --dports 53,67:68 -j ACCEPT',
    '-A INPUT -p udp -m multiport --dports 53,67:68 -j ACCEPT',
  ],
  [
    '-A INPUT -m iprange --src-range 10.0.0.1-10.0.0.9 ! --dst-range 1.1.1.1-1.1.1.2 -j ACCEPT',
    '-A INPUT -m iprange --src-range 10.0.0.1-10.0.0.9 ! --dst-range 1.1.1.1-1.1.1.2 -j ACCEPT',
  ],
  [
    '-A INPUT -m mac --mac-source aa:BB:cc:dd:ee:ff -j ACCEPT',
    '-A INPUT -m mac --mac-source aa:bb:cc:dd:ee:ff -j ACCEPT',
  ],
  ['-A INPUT -m mark ! --mark 5 -j ACCEPT', '-A INPUT -m mark ! --mark 0x5 -j ACCEPT'],
  [
    '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  ],
  [
    '-A INPUT -m comment --comment "hello world" -j ACCEPT',
    '-A INPUT -m comment --comment "hello world" -j ACCEPT',
  ],
  [
    '-A INPUT -m statistic --mode random --probability 0.5 -j ACCEPT',
    '-A INPUT -m statistic --mode random --probability 0.50000000000 -j ACCEPT',
  ],
  ['-A INPUT -m limit -j ACCEPT', '-A INPUT -m limit --limit 3/hour -j ACCEPT'],
  [
    '-A INPUT -m limit --limit 5/min --limit-burst 10 -j ACCEPT',
    '-A INPUT -m limit --limit 5/min --limit-burst 10 -j ACCEPT',
  ],
  ['-A INPUT ! -s 10.0.0.0/8 -i eth0 -j DROP', '-A INPUT ! -s 10.0.0.0/8 -i eth0 -j DROP'],
  ['-A INPUT -s 10.1.2.3/16 -j DROP', '-A INPUT -s 10.1.0.0/16 -j DROP'],
  ['-A INPUT -j LOG --log-prefix "x: " --log-level 4', '-A INPUT -j LOG --log-prefix "x: "'],
  ['-A INPUT -j REJECT', '-A INPUT -j REJECT --reject-with icmp-port-unreachable'],
  ['-A INPUT -f -j DROP', '-A INPUT -f -j DROP'],
  [
    '-t mangle -A PREROUTING -j MARK --set-mark 0x4000/0x4000',
    '-A PREROUTING -j MARK --set-xmark 0x4000/0x4000',
  ],
  [
    '-t mangle -A PREROUTING -j CONNMARK --save-mark',
    '-A PREROUTING -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff',
  ],
  [
    '-t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1:80',
    '-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1:80',
  ],
  [
    '-t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000 --random',
    '-A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000 --random',
  ],
];

describe('iptables -A then -S', () => {
  for (const [input, saved] of SAVE_CASES)
    it(input, async () => {
      const w = new World();
      const args = input.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
      const r = await ipt(w, ...args);
      expect(r.stderr).toBe('');
      const table = args[0] === '-t' ? ['-t', args[1]] : [];
      const s = await ipt(w, ...table, '-S');
      expect(s.stdout.split('\n')).toContain(saved);
    });
});

const ERROR_CASES: readonly (readonly [string, string[], number, string])[] = [
  [
    '-o with INPUT',
    ['-A', 'INPUT', '-o', 'lo'],
    2,
    "iptables v1.8.9 (nf_tables): Can't use -o with INPUT\n\nTry `iptables -h' or 'iptables --help' for more information.\n",
  ],
  [
    'missing jump chain',
    ['-A', 'INPUT', '-j', 'FOOO'],
    2,
    "iptables v1.8.9 (nf_tables): Chain 'FOOO' does not exist\nTry `iptables -h' or 'iptables --help' for more information.\n",
  ],
  [
    'unknown option',
    ['-A', 'INPUT', '-p', 'tcp', '--bogus'],
    2,
    "iptables v1.8.9 (nf_tables): unknown option \"--bogus\"\nTry `iptables -h' or 'iptables --help' for more information.\n",
  ],
  [
    'no command',
    [],
    2,
    "iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n",
  ],
  [
    'bad delete',
    ['-D', 'INPUT', '-j', 'ACCEPT'],
    1,
    'iptables: Bad rule (does a matching rule exist in that chain?).\n',
  ],
  // OUTPUT is created (by -P below); INPUT is not, and would be no chain at all.
  ['index too big', ['-D', 'OUTPUT', '9'], 1, 'iptables: Index of deletion too big.\n'],
  [
    'delete by number in a built-in not created',
    ['-D', 'INPUT', '1'],
    1,
    'iptables: No chain/target/match by that name.\n',
  ],
  [
    'tcp-reset without -p tcp',
    ['-A', 'INPUT', '-j', 'REJECT', '--reject-with', 'tcp-reset'],
    4,
    'iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT\n',
  ],
  [
    'DNAT in filter',
    ['-A', 'INPUT', '-j', 'DNAT', '--to-destination', '1.2.3.4'],
    4,
    'iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT\n',
  ],
  ['no such chain', ['-A', 'NOPE', '-j', 'ACCEPT'], 1, 'iptables: No chain/target/match by that name.\n'],
  [
    'bad match',
    ['-A', 'INPUT', '-m', 'foo'],
    2,
    "iptables v1.8.9 (nf_tables): Couldn't load match `foo':No such file or directory\n\nTry `iptables -h' or 'iptables --help' for more information.\n",
  ],
  [
    'bad table',
    ['-t', 'foo', '-L'],
    3,
    "iptables v1.8.9 (nf_tables): table 'foo' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n",
  ],
  ['bad policy', ['-P', 'INPUT', 'FOO'], 1, "iptables: Bad policy name. Run `dmesg' for more information.\n"],
];

const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";
const P = 'iptables v1.8.9 (nf_tables): ';

/** Parser behaviours measured on 1.8.9: args, status, stderr. */
const PARSE_CASES: readonly (readonly [string, readonly string[], number, string])[] = [
  ['an ambiguous long option is unknown', ['--ver'], 2, `${P}unknown option "--ver"\n${TRY}`],
  ['an abbreviated long option resolves', ['--app', 'INPUT', '--jum', 'ACCEPT'], 0, ''],
  [
    'an attached -s value keeps its option letter',
    ['-A', 'INPUT', '-s1.1.1.1'],
    2,
    `${P}host/network \`-s1.1.1.1' not found\n${TRY}`,
  ],
  ['--numeric takes no =value', ['-L', '--numeric=x'], 2, `${P}unknown option "--numeric=x"\n${TRY}`],
  [
    '-D by number takes no rule options',
    ['-D', 'INPUT', '1', '-j', 'ACCEPT'],
    2,
    `${P}Illegal option \`-j' with this command\n${TRY}`,
  ],
  ['-L takes no -s', ['-L', '-s', '1.1.1.1'], 2, `${P}Illegal option \`-s' with this command\n${TRY}`],
  [
    '-A takes no --line-numbers',
    ['-A', 'INPUT', '--line-numbers'],
    2,
    `${P}Illegal option \`-0' with this command\n${TRY}`,
  ],
  ['-n twice', ['-L', '-n', '-n'], 2, `${P}multiple -n flags not allowed\n${TRY}`],
  [
    '-g after -j counts as a second -j',
    ['-A', 'INPUT', '-j', 'ACCEPT', '-g', 'X'],
    2,
    `${P}multiple -j flags not allowed\n${TRY}`,
  ],
  ['! before -v', ['-A', 'INPUT', '!', '-v'], 2, `${P}cannot have ! before -v\n${TRY}`],
  ['! before a command', ['!', '-A', 'INPUT'], 2, `${P}unexpected '!' flag\n${TRY}`],
  ['a rule number in hex', ['-I', 'INPUT', '0x1', '-j', 'DROP'], 0, ''],
  [
    'a rule number past INT_MAX',
    ['-D', 'INPUT', '2147483648'],
    2,
    `${P}Invalid rule number \`2147483648'\n${TRY}`,
  ],
  ['-6 prints only the hint', ['-6', '-L'], 2, TRY],
  ['-b is an unknown arg', ['-b'], 2, `${P}Unknown arg "(null)"\n${TRY}`],
  ['-w with a non-number', ['-w', 'x', '-L'], 2, `${P}wait seconds not numeric\n${TRY}`],
  [
    '-W without -w',
    ['-W', '10', '-L'],
    2,
    `Ignoring deprecated --wait-interval option.\n${P}--wait-interval only makes sense with --wait\n\n${TRY}`,
  ],
  [
    '! with several addresses',
    ['-A', 'INPUT', '!', '-s', '1.1.1.1,2.2.2.2'],
    2,
    `${P}! not allowed with multiple source or destination IP addresses\n${TRY}`,
  ],
  [
    '-R with several addresses',
    ['-R', 'INPUT', '1', '-s', '1.1.1.1,2.2.2.2'],
    2,
    `${P}Replacement rule does not specify a unique address\n${TRY}`,
  ],
  [
    'an empty interface',
    ['-A', 'INPUT', '-i', ''],
    2,
    `${P}Empty interface is likely to be undesired\n${TRY}`,
  ],
  [
    'a tcp port range upside down',
    ['-A', 'INPUT', '-p', 'tcp', '--dport', '80:20'],
    2,
    `${P}invalid portrange (min > max)\n${TRY}`,
  ],
  [
    'an x6 option given twice',
    ['-A', 'INPUT', '-m', 'mark', '--mark', '1', '--mark', '2'],
    2,
    `${P}mark: option "--mark" can only be used once.\n\n${TRY}`,
  ],
  [
    'an x6 option that cannot be inverted',
    ['-A', 'INPUT', '-j', 'LOG', '!', '--log-prefix', 'x'],
    2,
    `${P}LOG: option "--log-prefix" cannot be inverted.\n\n${TRY}`,
  ],
  [
    'exclusive x6 options, named in table order',
    ['-A', 'INPUT', '-j', 'MARK', '--and-mark', '1', '--set-mark', '2'],
    2,
    `${P}MARK: option "--set-mark" cannot be used together with "--and-mark".\n\n${TRY}`,
  ],
  [
    'statistic nth --every without --packet',
    ['-A', 'INPUT', '-m', 'statistic', '--mode', 'nth', '--every', '3'],
    2,
    `${P}statistic: option "--every" also requires "--packet".\n\n${TRY}`,
  ],
  [
    'statistic with no mode defaults to random',
    ['-A', 'INPUT', '-m', 'statistic', '--every', '2'],
    2,
    `${P}--probability must be specified when using random mode\n${TRY}`,
  ],
  [
    '-E onto an existing name, even from a base chain',
    ['-E', 'OUTPUT', 'INPUT'],
    1,
    'iptables: File exists.\n',
  ],
  [
    '-D by spec in a missing chain',
    ['-D', 'NOPE', '-j', 'ACCEPT'],
    1,
    'iptables: Bad rule (does a matching rule exist in that chain?).\n',
  ],
  [
    '-Z of a rule in a missing chain',
    ['-Z', 'NOPE', '1'],
    1,
    'iptables: Bad rule (does a matching rule exist in that chain?).\n',
  ],
];

describe('iptables argument parsing', () => {
  for (const [name, args, status, stderr] of PARSE_CASES)
    it(name, async () => {
      const w = new World();
      await ipt(w, '-P', 'OUTPUT', 'ACCEPT');
      const r = await ipt(w, ...args);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });

  it('prints the help with the loaded extensions', async () => {
    const r = await ipt(new World(), '-p', 'tcp', '-j', 'REJECT', '-h');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('iptables v1.8.9 (nf_tables)\n\nUsage: iptables -[ACD] chain')).toBe(true);
    expect(r.stdout).toContain('\nREJECT target options:\n');
    expect(r.stdout.indexOf('REJECT target')).toBeLessThan(r.stdout.indexOf('tcp match options'));
  });

  it('prints the version at -V, even after a command', async () => {
    expect((await ipt(new World(), '-A', 'INPUT', '-V')).stdout).toBe('iptables v1.8.9 (nf_tables)\n');
    expect((await ipt(new World(), '!', '-V')).stdout).toBe('Not 1.8.9 (nf_tables) ;-)\n');
  });

  it('reads -c counters as sscanf does', async () => {
    const w = new World();
    await ipt(w, '-A', 'INPUT', '-c', '-1', '5x');
    await ipt(w, '-A', 'INPUT', '-c', '7,9');
    await ipt(w, '-A', 'INPUT', '-c', '99999999999999999999', '1');
    const r = await ipt(w, '-L', 'INPUT', '-v', '-n');
    expect(
      r.stdout
        .split('\n')
        .slice(2, 5)
        .map((l) => l.slice(0, 12)),
    ).toEqual(['   0K     5 ', '    7     9 ', '   0K     1 ']);
  });

  it('inserts several addresses at one position, so they come out reversed', async () => {
    const w = new World();
    await ipt(w, '-I', 'INPUT', '-s', '1.1.1.1,2.2.2.2');
    expect((await ipt(w, '-S', 'INPUT')).stdout).toBe(
      '-P INPUT ACCEPT\n-A INPUT -s 2.2.2.2/32\n-A INPUT -s 1.1.1.1/32\n',
    );
  });

  it('ignores -c on -P', async () => {
    const w = new World();
    await ipt(w, '-P', 'FORWARD', 'DROP', '-c', '4', '5');
    expect((await ipt(w, '-S', 'FORWARD', '-v')).stdout).toBe('-P FORWARD DROP -c 0 0\n');
  });

  it('lists a missing interface as any, or * with -n', async () => {
    const w = new World();
    await ipt(w, '-A', 'INPUT', '-i', 'eth0');
    expect((await ipt(w, '-L', 'INPUT', '-v')).stdout.split('\n')[2]).toContain(' eth0   any ');
    expect((await ipt(w, '-L', 'INPUT', '-v', '-n')).stdout.split('\n')[2]).toContain(' eth0   *   ');
  });
});

describe('iptables-save options', () => {
  it('prints its version', async () => {
    const r = await runTool(new World(), ['iptables-save', '--vers']);
    expect(r.stdout).toBe('iptables-save v1.8.9 (nf_tables)\n');
  });

  it('refuses operands', async () => {
    const r = await runTool(new World(), ['iptables-save', 'extra']);
    expect([r.stderr, r.status]).toEqual(['Unknown arguments found on commandline\n', 1]);
  });
});

describe('iptables errors', () => {
  it('has no chain before the table exists', async () => {
    const r = await ipt(new World(), '-D', 'INPUT', '3');
    expect(r.stderr).toBe('iptables: No chain/target/match by that name.\n');
    expect(r.status).toBe(1);
  });

  for (const [name, args, status, stderr] of ERROR_CASES)
    it(name, async () => {
      const w = new World();
      // Create the filter table first, as any earlier write would.
      await ipt(w, '-P', 'OUTPUT', 'ACCEPT');
      const r = await ipt(w, ...args);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });

  it('rejects a loop reachable from a base chain with EMLINK', async () => {
    const w = new World();
    for (const a of [
      ['-N', 'A'],
      ['-N', 'B'],
      ['-A', 'INPUT', '-j', 'A'],
      ['-A', 'A', '-j', 'B'],
    ])
      await ipt(w, ...a);
    const r = await ipt(w, '-A', 'B', '-j', 'A');
    expect(r.stderr).toBe(
      'iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Too many links): rule in chain B\n',
    );
    expect(r.status).toBe(4);
  });

  it('refuses to delete a referenced chain', async () => {
    const w = new World();
    await ipt(w, '-N', 'FOO');
    await ipt(w, '-A', 'FORWARD', '-j', 'FOO');
    const r = await ipt(w, '-X', 'FOO');
    expect(r.stderr).toBe(
      'iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain FOO\n',
    );
  });
});

describe('iptables -L', () => {
  it('lists numeric verbose with references', async () => {
    const w = new World();
    await ipt(w, '-N', 'FOO');
    await ipt(w, '-A', 'FOO', '-j', 'RETURN');
    await ipt(w, '-A', 'FORWARD', '-j', 'FOO');
    await ipt(w, '-A', 'INPUT', '-p', 'tcp', '--dport', '22', '-j', 'ACCEPT');
    const r = await ipt(w, '-L', '-n', '-v');
    expect(r.stdout).toBe(`Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:22

Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 FOO        0    --  *      *       0.0.0.0/0            0.0.0.0/0           

Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
 pkts bytes target     prot opt in     out     source               destination         

Chain FOO (1 references)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 RETURN     0    --  *      *       0.0.0.0/0            0.0.0.0/0           
`);
    const l = await ipt(w, '-L', 'INPUT');
    expect(l.stdout).toBe(`Chain INPUT (policy ACCEPT)
target     prot opt source               destination         
ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:ssh
`);
  });
});

describe('iptables-restore', () => {
  it('applies per COMMIT and keeps a failed table untouched', async () => {
    const w = new World();
    const input = `*filter
:INPUT ACCEPT [0:0]
:FOO - [0:0]
-A INPUT -j FOO
-A FOO -p tcp --dport 22 -j ACCEPT
COMMIT
*nat
-A PREROUTING -j REJECT
COMMIT
`;
    const r = await runTool(w, ['iptables-restore'], { stdin: input });
    expect(r.stderr).toBe(
      'iptables-restore v1.8.9 (nf_tables): \nline 8: RULE_APPEND failed (Invalid argument): rule in chain PREROUTING\n',
    );
    expect(r.status).toBe(4);
    const s = await runTool(w, ['iptables-save']);
    expect(s.stdout.replace(/^#.*\n/gm, '')).toBe(`*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:FOO - [0:0]
-A INPUT -j FOO
-A FOO -p tcp -m tcp --dport 22 -j ACCEPT
COMMIT
`);
  });

  it('reports a parse error with its line', async () => {
    const r = await runTool(new World(), ['iptables-restore'], {
      stdin: '*filter\n-A INPUT -j BAR\nCOMMIT\n',
    });
    expect(r.stderr).toBe(
      "iptables-restore v1.8.9 (nf_tables): Chain 'BAR' does not exist\nError occurred at line: 3\nTry `iptables-restore -h' or 'iptables-restore --help' for more information.\n",
    );
    expect(r.status).toBe(2);
  });
});
