import { parseIPv4 } from '../net/ipv4.js';
import type { IPv4 } from '../net/ipv4.js';
import type { SyntheticPacket } from '../kernel/trace/inject.js';
import type { World } from '../kernel/world.js';
import type { LabOptions, PacketSource, WorldBuilder } from './session.js';
import { labBuilder, traceCommand, tracePath } from './session.js';
import type { TraceDocument, TraceStep } from './json.js';
import { traceDocument } from './json.js';

/** h1 (10.0.1.2) -- eth0 r eth1 -- h2 (10.0.2.2): a router between two hosts. */
export const ROUTER = `
ip netns add h1
ip netns add r
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns r
ip link add eth1 netns r type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth0
ip -n r addr add 10.0.2.1/24 dev eth1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for ns in h1 r h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip -n r link set eth1 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
`;

/** Three hosts a, b, c on bridge br0 in namespace sw; b's MAC is fixed and b has said nothing yet. */
export const BRIDGE = `
ip netns add sw
ip -n sw link add br0 type bridge
ip -n sw link set br0 up
for h in a b c; do
  ip netns add $h
  ip link add eth0 netns $h type veth peer name p-$h netns sw
  ip -n sw link set p-$h master br0
  ip -n sw link set p-$h up
  ip -n $h link set eth0 up
done
ip -n b link set eth0 address 02:00:00:00:00:0b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n c addr add 10.0.0.3/24 dev eth0
`;

/**
 * A node whose pod (10.244.1.5 on bridge cni0, port veth-web) is the one
 * endpoint of ClusterIP 10.96.0.20, programmed as kube-proxy does: DNAT in
 * PREROUTING of the bridged frame, the endpoint's own traffic marked for
 * MASQUERADE (as test/conformance/hairpin-off.sh and hairpin-on.sh).
 */
export const HAIRPIN = `
ip netns add node
ip netns add pod
ip -n node link add cni0 type bridge
ip -n node addr add 10.244.1.1/24 dev cni0
ip -n node link add veth-web type veth peer name eth0 netns pod
ip -n node link set veth-web master cni0
ip -n node link set veth-web up
ip -n node link set cni0 up
ip -n pod addr add 10.244.1.5/24 dev eth0
ip -n pod link set lo up
ip -n pod link set eth0 up
ip -n pod route add default via 10.244.1.1
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
ip netns exec node iptables-restore <<'RULES'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-WEB - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -j MASQUERADE --random-fully
-A KUBE-SERVICES -d 10.96.0.20/32 -j KUBE-SEP-WEB
-A KUBE-SEP-WEB -s 10.244.1.5/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-WEB -j DNAT --to-destination 10.244.1.5
COMMIT
RULES
sleep 1
`;

/** A lab script to build quietly; its errors fail the test. */
export function lab(source: string): LabOptions {
  return {
    source,
    scriptName: 'lab.sh',
    cwd: process.cwd(),
    stdout: { write: () => undefined },
    stderr: {
      write: (t) => {
        throw new Error(`lab failed: ${t}`);
      },
    },
    // A test helper drives the virtual clock from the host loop, as tests do.
    // eslint-disable-next-line no-restricted-globals
    yieldToHost: () => new Promise<void>((r) => setImmediate(r)),
  };
}

export const ip = (text: string): IPv4 => parseIPv4(text)!;

export interface TraceLabOptions {
  /** Runs on the built world before the packet: what no lab command can reach (nf_conntrack_max outside the initial namespace). */
  readonly tweak?: (world: World) => void;
  /** Follow the answer back too (`--reply`). */
  readonly reply?: boolean;
}

/**
 * Runs the lab script, then traces one synthetic packet sent from namespace
 * `from` (or arriving on a device: a PacketSource), as `podpath trace` does.
 */
export async function traceLab(
  source: string,
  from: string | PacketSource,
  spec: SyntheticPacket,
  { tweak, reply = false }: TraceLabOptions = {},
): Promise<TraceDocument> {
  const l = lab(source);
  const base = labBuilder(l);
  const build: WorldBuilder = async () => {
    const built = await base();
    tweak?.(built.world);
    return built;
  };
  const where: PacketSource = typeof from === 'string' ? { kind: 'netns', ns: from } : from;
  const run = await tracePath(build, { source: where, spec, reply }, l.yieldToHost);
  if ('error' in run) throw new Error(run.error);
  return traceDocument(run.events);
}

/** The steps of one type of packet `id` (the traced packet by default). */
export const stepsOf = <T extends TraceStep['type']>(doc: TraceDocument, type: T, id = 1) =>
  (doc.packets.find((p) => p.id === id)?.steps ?? []).filter(
    (s): s is Extract<TraceStep, { type: T }> => s.type === type,
  );

/** Runs the lab script, then `command`, following every packet it makes the hosts send (`run --trace`). */
export async function traceRun(source: string, command: string): Promise<TraceDocument> {
  const result = await traceCommand(lab(source), command, { write: () => undefined });
  return traceDocument(result.events);
}
