// The router both flow benchmarks push packets through, on podpath: a
// `router` namespace holding a kube-proxy ruleset, a veth r0 from a
// `client` namespace (c0) and a veth d0 where routed packets leave (and
// are counted). Packets are injected as frames received on r0, as the
// veth peer would deliver them. Built with the real tools (ip, sysctl,
// iptables-restore) against the built modules (npm run build). d0 is a
// veth to a `sink` namespace that drops what arrives (a blackhole route):
// the real side has no dummy module to load.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';
import { generateServices } from './gen-kube-proxy.mjs';

const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
export const { World } = await dist('kernel/world.js');
const { runTool } = await dist('tools/testing.js');
export const { netifReceive } = await dist('kernel/link/rx.js');
export const { setNaiveClassifier } = await dist('kernel/netfilter/compile/index.js');
export const { conntrackTable } = await dist('kernel/netfilter/conntrack/table.js');
const { skbCopy } = await dist('kernel/skb-slot.js');

export const CLIENT_IP = 0xc0a80002; // 192.168.0.2
export const CLIENT_MAC = '02:00:00:00:00:02';

/** The setup, as commands run in the router namespace (the real side's script does the same). */
export const ROUTER_SETUP = [
  'ip link add r0 type veth peer name c0 netns client',
  'ip link set r0 up',
  'ip addr add 192.168.0.1/24 dev r0',
  'ip link add d0 type veth peer name d1 netns sink',
  'ip link set d0 up',
  'ip addr add 172.16.0.1/24 dev d0',
  'ip route add 10.0.0.0/8 via 172.16.0.2 dev d0',
  // Resolved beforehand: no packet waits for ARP.
  'ip neigh add 172.16.0.2 lladdr 02:00:00:00:00:d1 dev d0 nud permanent',
  'sysctl -qw net.ipv4.ip_forward=1',
];

/** The sink: forwards nothing anywhere (a blackhole is a martian destination, dropped without a word). */
export const SINK_SETUP = [
  'ip link set d1 address 02:00:00:00:00:d1',
  'ip link set d1 up',
  'ip addr add 172.16.0.2/24 dev d1',
  'sysctl -qw net.ipv4.ip_forward=1',
  'ip route add blackhole default',
];

/** A world with the router; `rules`: iptables-restore input, or null for no netfilter at all. */
export async function buildRouter(rules) {
  const world = new World({ seed: 1 });
  const sh = async (argv, netns) => {
    const r = await runTool(world, argv, {
      netns,
      stdin: argv[0] === 'iptables-restore' ? rules : undefined,
    });
    if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  await sh(['ip', 'netns', 'add', 'router']);
  await sh(['ip', 'netns', 'add', 'client']);
  await sh(['ip', 'netns', 'add', 'sink']);
  const router = world.named.get('router');
  const client = world.named.get('client');
  const sink = world.named.get('sink');
  for (const c of ROUTER_SETUP) await sh(c.split(' '), router);
  for (const c of SINK_SETUP) await sh(c.split(' '), sink);
  await sh(['ip', 'link', 'set', 'c0', 'up'], client);
  settle(world);
  if (rules !== null) await sh(['iptables-restore'], router);
  const link = (ns, name) => [...ns.links.values()].find((l) => l.name === name);
  return {
    world,
    router,
    client,
    r0: link(router, 'r0'),
    d0: link(router, 'd0'),
    sh: (line, ns = router) => sh(line, ns),
  };
}

const dotted = (s) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0) >>> 0;

/**
 * `count` new flows [src, sport, dst, dport, proto] to the ClusterIPs of
 * services with exactly one endpoint (no statistic match on the way, so
 * both sides count the same rules), distinct source ports, tcp or udp as
 * the service is.
 */
export function newFlows(services, count, offset = 0) {
  const single = generateServices(services, 1).filter((s) => s.endpoints.length === 1);
  return Array.from({ length: count }, (_, k) => {
    const i = offset + k;
    const s = single[(i * 7919) % single.length];
    return [
      CLIENT_IP + Math.floor(i / 40000),
      20000 + (i % 40000),
      dotted(s.clusterIP),
      s.port,
      s.protocol === 'tcp' ? 6 : 17,
    ];
  });
}

/**
 * A flow's frame as received on r0: 60-byte datagrams, as bench/flow-send.py
 * sends them. Its datagram is the stack's own value (an skb, skbCopy), as
 * what a veth peer delivers is: a plain object would time V8's generic copy
 * of a shape the stack never hands over (~150 ns more per packet).
 */
export function frameOf([src, sport, dst, dport, proto], r0) {
  const l4 =
    proto === 6
      ? { kind: 'tcp', sport, dport, seq: 1, ack: 0, flags: 2, window: 64240, headerLength: 20 }
      : { kind: 'udp', sport, dport };
  const ip = { src, dst, protocol: proto, ttl: 64, tos: 0, id: 1, totalLength: 60, dontFragment: true, l4 };
  return { src: CLIENT_MAC, dst: r0.mac, type: 'ipv4', ip: skbCopy(ip, false) };
}

/** Runs the virtual clock until nothing is scheduled (ARP, the sink's receive of what d0 sent). */
export function settle(world) {
  while (world.clock.step());
}

/**
 * CPU microseconds per packet to inject `frames` on r0, each through the
 * router's whole path to d0's transmit; then the sink's part, which the
 * timing leaves out, runs (the baseline router has the same sink).
 */
export function inject(world, r0, frames) {
  const CHUNK = 1000;
  let used = 0;
  for (let at = 0; at < frames.length; at += CHUNK) {
    // CPU time, as the real side's: a busy machine does not inflate it.
    const start = process.cpuUsage();
    for (let k = at; k < Math.min(at + CHUNK, frames.length); k++) netifReceive(r0, frames[k]);
    const t = process.cpuUsage(start);
    used += t.user + t.system;
    // What d0 sent reaches the sink in scheduled events: run them now, untimed, so none pile up.
    settle(world);
  }
  return used / frames.length;
}
