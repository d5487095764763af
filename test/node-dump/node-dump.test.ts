/**
 * A node dump tells the truth: for each scenario, a real router namespace
 * is set up, its dump collected with the documented line (`podpath dump`),
 * then a real packet sent through it. `podpath trace --node-dump` on the
 * dump, for the same packet, must match what the real router did: the
 * rules whose `iptables-save -c` counters the packet moved (and the
 * answers it caused), the interface `ip route get` names, and the end
 * (delivered, sent, dropped).
 *
 * PODPATH_CONFORMANCE=required  fail (instead of skip) when the real side cannot run
 * PODPATH_CONFORMANCE=off       skip on purpose
 */
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../conformance/harness.js';
import {
  PODPATH_BIN,
  PODPATH_MAIN,
  pool,
  realSideUnavailable,
  runCommand,
  runReal,
} from '../conformance/harness.js';
import { deltas, parseSnapshot, render, traceCounts } from '../trace-counters/counters.js';
import type { TraceDocument } from '../../src/trace/json.js';
import { COLLECT_COMMAND } from '../../src/trace/node-dump/files.js';
import { parseIpAddrJson } from '../../src/trace/node-dump/ip-addr-json.js';
import { parseIpAddrText } from '../../src/trace/node-dump/ip-addr-text.js';

const DIR = dirname(fileURLToPath(import.meta.url));
const mode = process.env.PODPATH_CONFORMANCE ?? '';
/** Beyond the conformance suite's tools: what the collection line and the probes run. */
const TOOLS = ['iptables-save', 'ipset', 'conntrack', 'sysctl'];

const onPath = (tool: string): boolean =>
  ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'].some((d) => {
    try {
      accessSync(join(d, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

function unavailableReason(): string | undefined {
  if (mode === 'off') return 'PODPATH_CONFORMANCE=off';
  const base = realSideUnavailable();
  if (base) return base;
  const missing = TOOLS.filter((t) => !onPath(t));
  return missing.length ? `missing real tools: ${missing.join(', ')}` : undefined;
}

interface Scenario {
  readonly name: string;
  /**
   * r's rules, loaded with iptables-restore as kube-proxy loads them: every
   * built-in chain of the table then exists and counts its policy, as on
   * the rebuilt node (iptables-save cannot tell a chain `iptables -A` made
   * without policy counters from one whose policy counted nothing).
   */
  readonly rules: string;
  /** r's routes, rules and sets, on top of lab.sh. */
  readonly setup: string;
  /** The real packet, sent from h1. */
  readonly probe: string;
  /** The same packet for `podpath trace --node-dump DIR` (it arrives on r's eth0). */
  readonly trace: readonly string[];
  /** `ip route get` arguments on r for the packet as routed (after DNAT). */
  readonly routeGet: string;
  readonly end: 'delivered' | 'sent' | 'dropped';
}

const R = 'ip netns exec r';

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'local-delivery',
    rules: `*filter
-A INPUT -p icmp --icmp-type echo-request -j ACCEPT
-A INPUT -s 10.0.9.0/24 -j DROP
-A OUTPUT -p icmp --icmp-type echo-reply
COMMIT
*nat
-A PREROUTING -p tcp -j DNAT --to-destination 10.0.2.2
COMMIT`,
    setup: '',
    probe: 'ip netns exec h1 ping -c1 -W1 10.0.1.1',
    trace: ['--in', 'eth0', '-p', 'icmp', '-s', '10.0.1.2', '-d', '10.0.1.1'],
    routeGet: '10.0.1.1 from 10.0.1.2 iif eth0',
    end: 'delivered',
  },
  {
    name: 'forward-dnat',
    rules: `*nat
-A PREROUTING -d 10.0.9.100 -p icmp -j DNAT --to-destination 10.0.2.2
-A POSTROUTING -o eth1
COMMIT
*filter
:FORWARD DROP
-A FORWARD -d 10.0.9.100 -j ACCEPT
-A FORWARD -d 10.0.2.2 -p icmp -j ACCEPT
COMMIT`,
    setup: '',
    probe: 'ip netns exec h1 ping -c1 -W1 10.0.9.100',
    trace: ['--in', 'eth0', '-p', 'icmp', '-s', '10.0.1.2', '-d', '10.0.9.100'],
    routeGet: '10.0.2.2 from 10.0.1.2 iif eth0',
    end: 'sent',
  },
  {
    name: 'filter-policy-drop',
    rules: `*filter
:FORWARD DROP
:CHECK - [0:0]
-A FORWARD -p tcp -j ACCEPT
-A FORWARD -j CHECK
-A CHECK -s 10.0.1.2 -j RETURN
COMMIT`,
    setup: '',
    probe: 'ip netns exec h1 ping -c1 -W1 10.0.2.2',
    trace: ['--in', 'eth0', '-p', 'icmp', '-s', '10.0.1.2', '-d', '10.0.2.2'],
    routeGet: '10.0.2.2 from 10.0.1.2 iif eth0',
    end: 'dropped',
  },
  {
    name: 'policy-routing-gateway',
    rules: `*filter
:FORWARD DROP
-A FORWARD -m set --match-set dests dst -j ACCEPT
COMMIT`,
    setup: `ip -n r route add 10.7.0.0/16 via 10.0.2.2 dev eth1 table 100
ip -n r rule add from 10.0.1.0/24 lookup 100 pref 100
ip -n r route add 10.7.0.0/16 via 10.0.1.2 dev eth0
${R} ipset create dests hash:net
${R} ipset add dests 10.7.0.0/16`,
    probe: 'ip netns exec h1 ping -c1 -W1 10.7.0.5',
    trace: ['--in', 'eth0', '-p', 'icmp', '-s', '10.0.1.2', '-d', '10.7.0.5'],
    routeGet: '10.7.0.5 from 10.0.1.2 iif eth0',
    end: 'sent',
  },
];

/**
 * The real side: the lab, r's dump by the documented line (run in r, cwd
 * the scenario's directory), then counters, the route, the probe, counters.
 */
function realScript(s: Scenario, lab: string): string {
  return `${lab}
${s.setup}
${R} iptables-restore <<'RULES'
${s.rules}
RULES
${R} sh <<'COLLECT'
${COLLECT_COMMAND}
COLLECT
${R} ip -d addr > node-dump/ip-addr.text
echo "@@route"
${R} ip route get ${s.routeGet}
echo "@@snapshot before"
${R} iptables-save -c
echo "@@probe"
${s.probe} >/dev/null
echo "@@status $?"
sleep 0.3
echo "@@snapshot after"
${R} iptables-save -c
`;
}

const section = (out: string, name: string, next: string): string => {
  const start = out.indexOf(`@@${name}\n`);
  const end = out.indexOf(`@@${next}`, start);
  if (start < 0 || end < 0) throw new Error(`real output lacks @@${name}..@@${next}:\n${out}`);
  return out.slice(start + name.length + 3, end);
};

/** `dev X` and `via Y` of an `ip route get` answer. */
function routeOf(text: string): { dev?: string; via?: string; local: boolean } {
  const dev = / dev (\S+)/.exec(text)?.[1];
  const via = / via (\S+)/.exec(text)?.[1];
  return { ...(dev ? { dev } : {}), ...(via ? { via } : {}), local: text.startsWith('local ') };
}

const unavailable = unavailableReason();
const PER_TEST_TIMEOUT_MS = 5 * 60_000;

describe('node dump: a trace on the rebuilt node matches what the real node did', () => {
  it('covers local delivery, DNAT forwarding, a filter policy drop and policy routing', () =>
    expect(SCENARIOS.map((s) => s.end).sort()).toEqual(['delivered', 'dropped', 'sent', 'sent']));

  if (unavailable && mode !== 'required') {
    console.warn(
      `NODE-DUMP CONFORMANCE SKIPPED: ${unavailable}; ${SCENARIOS.length} scenarios not run against real Linux.`,
    );
    for (const s of SCENARIOS) it.skip(s.name, () => {});
    return;
  }
  if (unavailable) {
    for (const s of SCENARIOS)
      it(s.name, () => {
        throw new Error(`PODPATH_CONFORMANCE=required but the real side cannot run: ${unavailable}`);
      });
    return;
  }

  const tmp = mkdtempSync(join(tmpdir(), 'podpath-node-dump-'));
  const real = new Map<string, Promise<RunResult>>();
  beforeAll(() => {
    const lab = readFileSync(join(DIR, 'lab.sh'), 'utf8');
    const jobs = pool(Number(process.env.PODPATH_CONFORMANCE_JOBS ?? 4));
    for (const s of SCENARIOS) {
      const dir = mkdtempSync(join(tmp, `${s.name}-`));
      writeFileSync(join(dir, 'real.sh'), realScript(s, lab));
      real.set(
        s.name,
        jobs(() => runReal({ name: s.name, dir, file: 'real.sh' }).then((r) => ({ ...r, dir }))),
      );
    }
  });
  afterAll(async () => {
    await Promise.allSettled(real.values());
    rmSync(tmp, { recursive: true, force: true });
  });

  for (const s of SCENARIOS) {
    it(
      s.name,
      async () => {
        if (!existsSync(PODPATH_MAIN)) throw new Error(`${PODPATH_MAIN} is missing: run npm run build first`);
        const r = (await real.get(s.name)!) as RunResult & { dir: string };
        const report = `real exit ${r.status}\nreal stdout:\n${r.stdout}\nreal stderr:\n${r.stderr}`;
        const dump = join(r.dir, 'node-dump');
        expect(existsSync(join(dump, 'ip-addr.json')), `no dump written\n${report}`).toBe(true);
        // Both forms of ip addr, as real ip prints them, read the same (the line numbers aside).
        const same = (links: ReturnType<typeof parseIpAddrJson>) =>
          links.map(({ line: _l, kind: _k, addrs, ...l }) => ({
            ...l,
            addrs: addrs.map(({ line: _a, ...a }) => a),
          }));
        expect(same(parseIpAddrText(readFileSync(join(dump, 'ip-addr.text'), 'utf8')))).toEqual(
          same(parseIpAddrJson(readFileSync(join(dump, 'ip-addr.json'), 'utf8'))),
        );
        const realRoute = routeOf(section(r.stdout, 'route', 'snapshot before'));
        const realDelta = deltas(
          parseSnapshot(section(r.stdout, 'snapshot before', 'probe')),
          parseSnapshot(r.stdout.slice(r.stdout.indexOf('@@snapshot after'))),
        );

        const p = await runCommand([PODPATH_BIN, 'trace', '--node-dump', dump, ...s.trace, '--json'], r.dir);
        expect(p.stderr, `podpath trace stderr\n${report}`).toBe('');
        expect(p.status).toBe(0);
        const doc = JSON.parse(p.stdout) as TraceDocument;
        const [probe] = doc.packets;
        const steps = probe.steps;

        // The rules (and policies) the probe and its answers counted.
        expect(render(traceCounts(doc)), `trace vs real counters\n${report}\ntrace:\n${p.stdout}`).toEqual(
          render(realDelta),
        );
        // The route: input route decision as ip route get says, and the end.
        const route = steps.find((x) => x.type === 'route' && x.direction === 'input');
        expect(route, 'the trace has an input route').toBeDefined();
        if (route?.type !== 'route') return;
        expect(route.result).toBe(realRoute.local ? 'local' : 'forward');
        if (!realRoute.local) {
          expect(route.dev).toBe(realRoute.dev);
          expect(route.gateway).toBe(realRoute.via);
        }
        const outcome = probe.outcomes[0];
        expect(outcome.kind).toBe(s.end);
        if (outcome.kind === 'sent') expect(outcome.dev).toBe(realRoute.dev);
      },
      PER_TEST_TIMEOUT_MS,
    );
  }
});
