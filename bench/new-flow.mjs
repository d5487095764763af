// new-flow-10k-services: what a connection's first packet costs in
// netfilter with kube-proxy's ruleset for 10,000 services loaded
// (bench/gen-kube-proxy.mjs, iptables mode, about 100,000 rules): raw,
// mangle, nat (KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-* DNAT, MASQUERADE),
// filter (KUBE-FORWARD, the filter KUBE-SERVICES), conntrack creation and
// confirmation, on a router that forwards the packet.
//
// The same packets on both sides: NEW flows (distinct source ports, TCP
// SYN or UDP as the service is) to the ClusterIPs of services with one
// endpoint (no random endpoint choice, so every counter is comparable),
// sent from a client namespace over a veth to a `router` namespace that
// routes them out of a veth to a sink namespace. A warm-up batch first, then BATCHES
// batches of PACKETS; the figure is the fastest batch.
//
//   reference  the real kernel in a throwaway network world: a python3
//              AF_PACKET sender (bench/flow-send.py) takes its CPU time
//              over each batch's send loop; veth runs the router's whole
//              path in the sender's softirq, charged to it as system time
//              (CPU time, not wall clock: other work on the machine does
//              not count).
//              The same is done through an identical router with no
//              ruleset at all (no netfilter, no conntrack); the difference
//              per packet is the ruleset's cost, free of the sender's.
//   podpath    the same two routers in a fresh node process, the frames
//              handed to r0's receive path in a loop, CPU time; the same
//              difference.
//   -naive     podpath walking every chain rule by rule (the compiled
//              dispatch off), for comparison.
//
// Correctness in the same run: after all batches `iptables-save -c` (every
// rule's packet and byte counters) must be identical on podpath and on the
// kernel, and the naive and compiled walks must leave identical counters
// and conntrack tables.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKubeProxyDump } from './gen-kube-proxy.mjs';
import { env, firstDifference, root, runReal, withoutComments } from './lib.mjs';

const SERVICES = Number(process.env.BENCH_FLOW_SERVICES ?? 10_000);
const PACKETS = Number(process.env.BENCH_FLOW_PACKETS ?? 3000);
const BATCHES = 3;
const WARM = 500;

const REAL_SCRIPT = `set -e
setup() {
  ip netns add $1
  ip netns add $2
  for ns in $1 $2; do ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
  ip link add r0 netns $1 type veth peer name c0 netns $2
  ip -n $2 link set c0 up
  ip -n $1 link set r0 up
  ip -n $1 addr add 192.168.0.1/24 dev r0
  ip netns add $3
  ip netns exec $3 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip link add d0 netns $1 type veth peer name d1 netns $3
  ip -n $3 link set d1 address 02:00:00:00:00:d1
  ip -n $3 link set d1 up
  ip -n $3 addr add 172.16.0.2/24 dev d1
  ip netns exec $3 sysctl -qw net.ipv4.ip_forward=1
  ip -n $3 route add blackhole default
  ip -n $1 link set d0 up
  ip -n $1 addr add 172.16.0.1/24 dev d0
  ip -n $1 route add 10.0.0.0/8 via 172.16.0.2 dev d0
  ip -n $1 neigh add 172.16.0.2 lladdr 02:00:00:00:00:d1 dev d0 nud permanent
  ip netns exec $1 sysctl -qw net.ipv4.ip_forward=1
}
setup base cbase sbase
setup router client sink
ip netns exec router iptables-restore < dump.rules
sleep 1
echo BASE
ip netns exec base python3 flow-send.py cbase c0 d0 packets.json
echo RULES
ip netns exec router python3 flow-send.py client c0 d0 packets.json
echo SAVE
ip netns exec router iptables-save -c
`;

/** The batches: warm-up first, then BATCHES measured ones, every flow new. */
async function batches(newFlows) {
  const out = [newFlows(SERVICES, WARM, 0)];
  for (let b = 0; b < BATCHES; b++) out.push(newFlows(SERVICES, PACKETS, WARM + b * PACKETS));
  return out;
}

/** Child process: podpath's side, printed as JSON. */
async function podpathSide(dir) {
  const lab = await import('./flow-lab.mjs');
  const rules = readFileSync(join(dir, 'dump.rules'), 'utf8');
  const all = await batches(lab.newFlows);
  const run = async (text, naive) => {
    lab.setNaiveClassifier(naive);
    const r = await lab.buildRouter(text);
    const us = all.map((b) =>
      lab.inject(
        r.world,
        r.r0,
        b.map((f) => lab.frameOf(f, r.r0)),
      ),
    );
    const tx = r.d0.stats.txPackets;
    const save = text === null ? '' : await r.sh(['iptables-save', '-c']);
    const ct = text === null ? '' : (await r.sh(['conntrack', '-L'])).split('\n').sort().join('\n');
    return { us: Math.min(...us.slice(1)), tx, save, ct };
  };
  const empty = await run(null, false);
  const compiled = await run(rules, false);
  const naive = await run(rules, true);
  console.log(JSON.stringify({ empty, compiled, naive }));
}

/** The real side's timings: per batch [ns, sent, forwarded]. */
function parseReal(stdout) {
  const part = (name, next) => stdout.split(`${name}\n`)[1]?.split(`${next}\n`)[0] ?? '';
  const lines = (text) =>
    text
      .trim()
      .split('\n')
      .map((l) => l.split(' ').map(Number));
  return {
    base: lines(part('BASE', 'RULES')),
    rules: lines(part('RULES', 'SAVE')),
    save: part('SAVE', '\0'),
  };
}

export async function newFlow({ real }) {
  const dir = mkdtempSync(join(tmpdir(), 'podpath-bench-flow-'));
  try {
    const { text, rules } = generateKubeProxyDump({ services: SERVICES });
    writeFileSync(join(dir, 'dump.rules'), text);
    const { newFlows } = await import('./flow-lab.mjs');
    writeFileSync(join(dir, 'packets.json'), JSON.stringify({ batches: await batches(newFlows) }));
    writeFileSync(join(dir, 'real.sh'), REAL_SCRIPT);
    writeFileSync(join(dir, 'flow-send.py'), readFileSync(join(root, 'bench/flow-send.py')));

    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--podpath', dir],
      {
        env,
        encoding: 'utf8',
        maxBuffer: 256 << 20,
      },
    );
    const failures = [];
    const notes = [
      `${rules} rules, ${SERVICES} services; ${BATCHES} batches of ${PACKETS} new flows after ${WARM} warm-up, fastest batch`,
    ];
    let pod = null;
    if (child.status !== 0)
      failures.push(
        `podpath: ${child.stderr.split('\n').find((l) => /Error/.test(l)) ?? child.stderr.slice(0, 200)}`,
      );
    else pod = JSON.parse(child.stdout);

    let ref = null;
    if (real) {
      const r = runReal(dir, 'real.sh');
      if (r.failed) failures.push(`real: ${r.stderr}`);
      else {
        const { base, rules: withRules, save } = parseReal(r.stdout);
        const fastest = (rows) => Math.min(...rows.slice(1).map(([, cpu, n]) => cpu / n / 1000));
        const late = [...base, ...withRules].filter(([, , sent, now]) => now < sent);
        if (late.length > 0)
          notes.push(
            `real: ${late.length} batches finished after the send loop (ksoftirqd): their CPU time is short`,
          );
        const lost = [...base, ...withRules].filter(([, , sent, , fwd]) => fwd < sent);
        if (lost.length > 0)
          failures.push(`real: a batch was not all forwarded (${lost.map((l) => l.join('/')).join(', ')})`);
        ref = { us: fastest(withRules) - fastest(base), total: fastest(withRules), base: fastest(base) };
        notes.push(
          `real kernel: ${ref.total.toFixed(2)} CPU us per packet with the ruleset, ${ref.base.toFixed(2)} us without (python sender included)`,
        );
        if (pod) {
          const a = withoutComments(save);
          const b = withoutComments(pod.compiled.save);
          if (a !== b)
            failures.push(`MISMATCH: iptables-save -c after the packets, ${firstDifference(a, b)}`);
          else
            notes.push(
              'iptables-save -c (every counter) after the packets: identical on podpath and the kernel',
            );
        }
      }
    }
    if (pod) {
      notes.push(
        `podpath: ${pod.compiled.us.toFixed(2)} us per packet compiled, ${pod.naive.us.toFixed(2)} us naive, ${pod.empty.us.toFixed(2)} us without a ruleset`,
      );
      if (pod.compiled.save !== pod.naive.save)
        failures.push(
          `naive and compiled counters differ, ${firstDifference(pod.naive.save, pod.compiled.save, ['naive', 'compiled'])}`,
        );
      else if (pod.compiled.ct !== pod.naive.ct)
        failures.push(
          `naive and compiled conntrack tables differ, ${firstDifference(pod.naive.ct, pod.compiled.ct, ['naive', 'compiled'])}`,
        );
      else notes.push('naive and compiled: identical counters and conntrack tables (NAT bindings included)');
      const expected = WARM + BATCHES * PACKETS;
      if (pod.compiled.tx !== expected)
        failures.push(`podpath forwarded ${pod.compiled.tx} of ${expected} packets`);
    }
    const figure = (name, side) => {
      const p = pod ? side.us - pod.empty.us : null;
      return {
        name,
        podpath: p,
        reference: ref ? ref.us : null,
        unit: 'us',
        ratio: p !== null && ref ? ref.us / p : null,
        target: { text: 'ratio >= 1', met: p !== null && ref ? ref.us / p >= 1 : null },
      };
    };
    const main = { ...figure('new-flow-10k-services', pod?.compiled), notes, failures };
    const naive = figure('new-flow-10k-services-naive', pod?.naive);
    naive.notes = ['every chain walked rule by rule'];
    return [main, naive];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--podpath') await podpathSide(process.argv[3]);
