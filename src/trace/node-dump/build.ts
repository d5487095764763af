/**
 * Rebuilds a node from its parsed dump in a world's initial namespace, by
 * running the programs that made the state on the real node (`ip`,
 * `ipset restore`, `iptables-restore -c`) as the cluster twin's components
 * do, so every line goes through the parser that checks it there. Every
 * interface becomes a dummy device with the node's name, MTU, MAC and
 * addresses: it sends what is routed to it (no ARP: the neighbours are
 * not in the dump) and can receive an injected packet.
 */
import type { World } from '../../kernel/world.js';
import { KernelError } from '../../kernel/errno.js';
import { ctCreate } from '../../kernel/netfilter/conntrack/api.js';
import { runTool } from '../../tools/testing.js';
import { DumpError } from './error.js';
import type { DumpWarning } from './error.js';
import { DUMP_FILES } from './files.js';
import type { NodeDump } from './dump.js';
import { addrArgv } from './link.js';
import { routeArgv, routeWords } from './ip-route.js';
import { natStatus } from './conntrack.js';

/** The place in the dump a command came from; its failure is reported there. */
interface Origin {
  readonly file: string;
  readonly line: number;
}

/** Where a restore tool says its input went wrong: `Error occurred at line: N`, `Error in line N:`. */
const TOOL_LINE = /(?:Error occurred at line: |Error in line )(\d+)/;

async function run(world: World, argv: string[], at: Origin, stdin?: string): Promise<string> {
  const r = await runTool(world, argv, { netns: world.root, ...(stdin === undefined ? {} : { stdin }) });
  if (r.status === 0) return r.stdout;
  const line = stdin === undefined ? at.line : Number(TOOL_LINE.exec(r.stderr)?.[1] ?? 0);
  // The message without the line number it carries (now in the place) or a line of its own giving it.
  const first = r.stderr
    .split('\n')
    .map((l) => l.replace(/Error in line \d+: /, '').trim())
    .find((l) => l !== '' && !/^Error occurred at line: \d+$/.test(l));
  const message = first ?? `exit ${r.status}`;
  // Restore tools name themselves (`iptables-restore v1.8.9 (nf_tables): ...`); ip does not.
  throw new DumpError(
    at.file,
    line,
    message.startsWith(argv[0]) ? message : `${argv.slice(0, 3).join(' ')}: ${message}`,
  );
}

/** Builds `dump` into `world.root`; the warnings say what was left out. */
export async function buildNode(world: World, dump: NodeDump): Promise<DumpWarning[] | DumpError> {
  const warnings: DumpWarning[] = [];
  try {
    await links(world, dump);
    sysctls(world, dump, warnings);
    await addresses(world, dump);
    await routes(world, dump);
    await rules(world, dump);
    if (dump.ipset.trim() !== '')
      await run(world, ['ipset', 'restore'], { file: DUMP_FILES.ipset, line: 0 }, dump.ipset);
    await run(
      world,
      ['iptables-restore', '-c'],
      { file: DUMP_FILES.iptables, line: 0 },
      withoutIdleChains(dump.iptables),
    );
    conntrack(world, dump, warnings);
  } catch (e) {
    if (e instanceof DumpError) return e;
    throw e;
  }
  return warnings;
}

async function links(world: World, dump: NodeDump): Promise<void> {
  for (const l of dump.links) {
    const at = { file: dump.addrFile, line: l.line };
    if (!l.loopback) await run(world, ['ip', 'link', 'add', l.name, 'type', 'dummy'], at);
    const mac = l.mac !== null && !l.loopback ? ['address', l.mac] : [];
    await run(world, ['ip', 'link', 'set', 'dev', l.name, 'mtu', String(l.mtu), ...mac], at);
  }
}

/**
 * In `sysctl -a` order, so per-device values land after `all` and
 * `default`. Keys podpath's kernel does not have are skipped; a value it
 * refuses is a warning (the default stays).
 */
function sysctls(world: World, dump: NodeDump, warnings: DumpWarning[]): void {
  for (const s of dump.sysctls) {
    // Unchanged defaults are left alone (some, like 2^32-1 limits, podpath cannot write back).
    if (world.root.sysctl.get(s.key) === s.value) continue;
    try {
      world.root.sysctl.set(s.key, s.value);
    } catch (e) {
      if (!(e instanceof KernelError)) throw e;
      if (e.code === 'EINVAL')
        warnings.push({
          file: DUMP_FILES.sysctl,
          line: s.line,
          problem: `${s.key}: value "${s.value}" not taken`,
        });
    }
  }
}

/** Addresses before the links come up, in the dump's order (which keeps primaries primary). */
async function addresses(world: World, dump: NodeDump): Promise<void> {
  for (const l of dump.links) {
    for (const a of l.addrs)
      await run(world, ['ip', 'addr', 'replace', ...addrArgv(l.name, a)], {
        file: dump.addrFile,
        line: a.line,
      });
  }
  for (const l of dump.links)
    if (l.up)
      await run(world, ['ip', 'link', 'set', 'dev', l.name, 'up'], { file: dump.addrFile, line: l.line });
}

/**
 * Every route replaced (the kernel's own ones exist already once the
 * addresses do), then the kernel routes the node did not have removed.
 */
async function routes(world: World, dump: NodeDump): Promise<void> {
  const wanted = new Set<string>();
  for (const r of dump.routes) {
    wanted.add(r.argv.join(' '));
    await run(world, ['ip', 'route', 'replace', ...r.argv], { file: DUMP_FILES.route, line: r.line });
  }
  const shown = await run(world, ['ip', 'route', 'show', 'table', 'all'], {
    file: DUMP_FILES.route,
    line: 0,
  });
  for (const text of shown.split('\n')) {
    if (text.trim() === '') continue;
    const argv = routeArgv(routeWords(text));
    const proto = argv.indexOf('proto');
    if (proto < 0 || argv[proto + 1] !== 'kernel' || wanted.has(argv.join(' '))) continue;
    await run(world, ['ip', 'route', 'del', ...argv], { file: DUMP_FILES.route, line: 0 });
  }
}

/**
 * iptables-nft gives a built-in chain policy counters only when a `-P`,
 * `-Z` or restore `:CHAIN` line makes it; one made by `-A` (how kube-proxy
 * and most tools make them) counts nothing, and one never used does not
 * exist. iptables-save prints both as `:CHAIN ACCEPT [0:0]`, which restored
 * as it is would make every such chain count. So an idle ACCEPT chain's
 * line is left out (a comment keeps the line numbers): its `-A` lines make
 * it, as they did on the node. The packet's way is the same either way.
 */
function withoutIdleChains(text: string): string {
  return text.replace(/^:(?:PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING) ACCEPT \[0:0\]$/gm, '#');
}

/** The default rules go; the node's take their place, preferences as they were. */
async function rules(world: World, dump: NodeDump): Promise<void> {
  for (const pref of ['0', '32766', '32767'])
    await run(world, ['ip', 'rule', 'del', 'pref', pref], { file: DUMP_FILES.rule, line: 0 });
  for (const r of dump.rules)
    await run(world, ['ip', 'rule', 'add', ...r.argv], { file: DUMP_FILES.rule, line: r.line });
}

/** Confirmed entries as `conntrack -I` makes them, with the NAT their tuples show. */
function conntrack(world: World, dump: NodeDump, warnings: DumpWarning[]): void {
  for (const c of dump.conns) {
    const r = ctCreate(world.root, c.create, 0);
    if (typeof r === 'string') {
      warnings.push({ file: DUMP_FILES.conntrack, line: c.line, problem: `entry not restored: ${r}` });
      continue;
    }
    r.conn.status |= natStatus(c.create);
  }
}
