import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../testing.js';
import { findCommand } from '../../registry.js';

beforeAll(async () => {
  await findCommand('iptables');
});

const ipt = async (world: World, args: string) => runTool(world, ['iptables', ...args.split(' ')]);

/** `-A INPUT -p sctp` options -> `iptables -S`, `-L -n` and `-L` match text (iptables 1.8.9 on the reference machine). */
const CASES: readonly (readonly [string, string, string, string])[] = [
  ['--dport 80', '-m sctp --dport 80', 'sctp dpt:80', 'sctp dpt:80'],
  [
    '--sport 1:100 ! --dport 80:90',
    '-m sctp --sport 1:100 ! --dport 80:90',
    'sctp spts:1:100 dpts:!80:90',
    'sctp spts:1:100 dpts:!80:90',
  ],
  // iptables-nft keeps the xt match (no nft translation): the full range is saved, not listed.
  ['--dport 0:65535', '-m sctp --dport 0:65535', 'sctp', 'sctp'],
  ['--dport amqp', '-m sctp --dport 5672', 'sctp dpt:5672', 'sctp dpt:amqp'],
  [
    '-m sctp --chunk-types any ASCONF_ACK,ASCONF,FORWARD_TSN',
    '-m sctp --chunk-types any ASCONF_ACK,FORWARD_TSN,ASCONF',
    'sctp any 0x0080,0x00C0,0x00C1',
    'sctp any ASCONF_ACK,FORWARD_TSN,ASCONF',
  ],
  [
    '-m sctp --chunk-types only data:Be',
    '-m sctp --chunk-types only DATA:Be',
    'sctp only 0x0000:Be',
    'sctp only DATA:Be',
  ],
  ['-m sctp ! --chunk-types all ALL', '-m sctp ! --chunk-types all ALL', 'sctp ! all ALL', 'sctp ! all ALL'],
  ['-m sctp --chunk-types any NONE', '-m sctp --chunk-types any NONE', 'sctp any NONE', 'sctp any NONE'],
  // libxt_sctp files flags under the names-table index: I_DATA's (index 15, type 64) never print.
  [
    '-m sctp --chunk-types any I_DATA:u,ABORT:T,ABORT:t',
    '-m sctp --chunk-types any ABORT:T,I_DATA',
    'sctp any 0x0006:T,0x0040',
    'sctp any ABORT:T,I_DATA',
  ],
];

describe('iptables -p sctp (libxt_sctp)', () => {
  it.each(CASES)('%s', async (opts, saved, numeric, named) => {
    const world = new World();
    expect((await ipt(world, `-A INPUT -p sctp ${opts} -j ACCEPT`)).stderr).toBe('');
    expect((await ipt(world, '-S INPUT')).stdout).toContain(`-A INPUT -p sctp ${saved} -j ACCEPT\n`);
    const rule = (out: string) => out.split('\n')[2].replace(/^.*?(0\.0\.0\.0\/0|anywhere) +\S+ +/, '');
    expect(rule((await ipt(world, '-L INPUT -n')).stdout).trim()).toBe(numeric);
    expect(rule((await ipt(world, '-L INPUT')).stdout).trim()).toBe(named);
  });

  it.each([
    ['-m sctp --chunk-types any DATA:x', 2, 'Invalid flags for chunk type 0'],
    ['-m sctp --chunk-types foo INIT', 2, 'Match type has to be one of "ALL", "ANY" or "ONLY"'],
    ['-m sctp --chunk-types any BOGUS', 2, "Unknown sctp chunk `BOGUS'"],
    ['-m sctp --chunk-types any', 2, '--chunk-types requires two args'],
    ['-m sctp --chunk-types any DATA --chunk-types any INIT', 2, "Only one `--chunk-types' allowed"],
    ['--dport 90:80', 2, 'invalid portrange (min > max)'],
    ['--dport http', 2, "invalid port/service `http' specified"],
  ])('refuses %s as iptables does', async (opts, status, message) => {
    const r = await ipt(new World(), `-A INPUT -p sctp ${opts} -j ACCEPT`);
    expect(r.status).toBe(status);
    expect(r.stderr).toContain(message);
  });

  it.each(['-m sctp --dport 80', '-p tcp -m sctp --dport 80', '! -p sctp --dport 80'])(
    'the kernel refuses the match without -p sctp: %s',
    async (opts) => {
      const r = await ipt(new World(), `-A INPUT ${opts} -j ACCEPT`);
      expect(r.status).toBe(4);
      expect(r.stderr).toBe(
        'iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT\n',
      );
    },
  );

  it("takes kube-proxy's SCTP rules through iptables-restore", async () => {
    const world = new World();
    const rules = [
      '-A KUBE-SVC-Y -m comment --comment "ns/svc:p cluster IP" -m sctp -p sctp -d 10.96.0.2 --dport 7777 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-Z -m comment --comment ns/svc:p -m sctp -p sctp -j DNAT --to-destination 10.244.0.5:7777',
    ];
    const input = `*nat\n:KUBE-SVC-Y - [0:0]\n:KUBE-SEP-Z - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n${rules.join('\n')}\nCOMMIT\n`;
    expect((await runTool(world, ['iptables-restore'], { stdin: input })).status).toBe(0);
    const saved = (await runTool(world, ['iptables-save', '-t', 'nat'])).stdout;
    expect(saved).toContain(
      '-A KUBE-SEP-Z -p sctp -m comment --comment "ns/svc:p" -m sctp -j DNAT --to-destination 10.244.0.5:7777\n',
    );
    expect(saved).toContain(
      '-A KUBE-SVC-Y ! -s 10.244.0.0/16 -d 10.96.0.2/32 -p sctp -m comment --comment "ns/svc:p cluster IP" -m sctp --dport 7777 -j KUBE-MARK-MASQ\n',
    );
  });
});
