import { readFileSync } from 'node:fs';
import { parseIPv4 } from '../net/ipv4.js';
import { TCP_FLAG } from '../net/packet.js';
import type { SyntheticPacket } from '../kernel/trace/inject.js';
import type { LabOptions, PacketSource, TraceRequest, TraceResult, WorldBuilder } from '../trace/session.js';
import { labBuilder, traceCommand, tracePath } from '../trace/session.js';
import { explorePaths } from '../trace/all-paths.js';
import { allPathsDocument } from '../trace/paths.js';
import { renderAllPaths, renderWithReply } from '../trace/paths-text.js';
import { replySummary } from '../trace/reply.js';
import type { Cluster } from '../k8s/cluster/model.js';
import { traceDocument } from '../trace/json.js';
import { COLOR, PLAIN, renderText } from '../trace/text.js';

export const TRACE_USAGE = `usage: podpath trace [--seed N] SCRIPT --from NS [-p icmp|tcp|udp] [-s SRC] -d DST [--sport N] [--dport N] [--tcp-flags FLAGS] [--all-paths] [--reply] [--json]
       podpath trace --cluster CLUSTER.yaml [SCRIPT] (--from pod/NS/NAME | --from node/NAME | --node NAME --src IP) [-p ...] -d DST [--dport N] [--tcp-flags FLAGS] [--all-paths] [--reply] [--json]
       podpath run [--seed N] SCRIPT --trace 'COMMAND' [--json]
       podpath trace --node-dump DIR [--in DEV] [-p icmp|tcp|udp] [-s SRC] -d DST [--sport N] [--dport N] [--tcp-flags FLAGS] [--json]
FLAGS: TCP flags joined by commas (SYN, ACK, FIN, RST, PSH, URG, ECE, CWR, or NONE), e.g. ACK or SYN,ACK; default SYN
`;

const hostYield = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Options of both forms: flags with a value, and --json. */
interface Parsed {
  readonly script: string;
  readonly flags: Map<string, string>;
  readonly json: boolean;
}

const VALUED = new Set([
  '--seed',
  '--from',
  '-p',
  '-s',
  '-d',
  '--sport',
  '--dport',
  '--tcp-flags',
  '--trace',
  '--node-dump',
  '--in',
]);
/** Options without a value besides --json, kept in `flags` with an empty value. */
const SWITCHES = new Set(['--all-paths', '--reply']);
// The cluster form: `--cluster FILE`, `--node NAME --src IP`.
for (const f of ['--cluster', '--node', '--src']) VALUED.add(f);

function parse(args: readonly string[]): Parsed | string {
  const flags = new Map<string, string>();
  let script: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (SWITCHES.has(a)) flags.set(a, '');
    else if (VALUED.has(a)) {
      if (i + 1 >= args.length) return `option ${a} needs a value`;
      flags.set(a, args[++i]);
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (script === undefined) script = a;
    else return `unexpected argument ${a}`;
  }
  // A node dump (docs/node-dump.md) takes the place of the lab script.
  if (script === undefined && !flags.has('--node-dump') && !flags.has('--cluster')) return 'missing SCRIPT';
  return { script: script ?? '', flags, json };
}

function port(text: string | undefined, name: string): number | undefined | string {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : `${name}: bad port "${text}"`;
}

/**
 * `--tcp-flags SYN,ACK`: the flags of the synthetic segment, by the names
 * iptables' --tcp-flags uses (case-insensitive), so a bare ACK or a RST
 * with no connection behind it can be traced.
 */
function tcpFlags(text: string | undefined): number | undefined | string {
  if (text === undefined) return undefined;
  let flags = 0;
  for (const word of text.split(',')) {
    const name = word.toUpperCase();
    if (name === 'NONE') continue;
    if (!Object.hasOwn(TCP_FLAG, name)) return `--tcp-flags: unknown flag "${word}"`;
    flags |= TCP_FLAG[name as keyof typeof TCP_FLAG];
  }
  return flags;
}

function packetSpec(flags: Map<string, string>): SyntheticPacket | string {
  const proto = flags.get('-p') ?? 'icmp';
  if (proto !== 'icmp' && proto !== 'tcp' && proto !== 'udp') return `-p: unknown protocol "${proto}"`;
  const dstText = flags.get('-d');
  if (dstText === undefined) return 'missing -d DST';
  const dst = parseIPv4(dstText);
  if (dst === null) return `-d: bad address "${dstText}"`;
  const srcText = flags.get('-s');
  const src = srcText === undefined ? undefined : parseIPv4(srcText);
  if (src === null) return `-s: bad address "${srcText}"`;
  const sport = port(flags.get('--sport'), '--sport');
  const dport = port(flags.get('--dport'), '--dport');
  if (typeof sport === 'string') return sport;
  if (typeof dport === 'string') return dport;
  if (proto !== 'icmp' && dport === undefined) return `-p ${proto} needs --dport`;
  const tcp = tcpFlags(flags.get('--tcp-flags'));
  if (typeof tcp === 'string') return tcp;
  if (tcp !== undefined && proto !== 'tcp') return '--tcp-flags needs -p tcp';
  return {
    proto,
    dst,
    ...(src === undefined ? {} : { src }),
    ...(sport === undefined ? {} : { sport }),
    ...(dport === undefined ? {} : { dport }),
    ...(tcp === undefined ? {} : { tcpFlags: tcp }),
  };
}

function labOf(parsed: Parsed): LabOptions | null {
  let source: string;
  try {
    source = readFileSync(parsed.script, 'utf8');
  } catch {
    process.stderr.write(`bash: ${parsed.script}: No such file or directory\n`);
    return null;
  }
  const seed = Number(parsed.flags.get('--seed') ?? 1);
  return {
    source,
    scriptName: parsed.script,
    seed: Number.isInteger(seed) ? seed : 1,
    cwd: process.cwd(),
    // The lab's own output is not the trace; its errors still matter.
    stdout: { write: () => undefined },
    stderr: { write: (t) => void process.stderr.write(t) },
    yieldToHost: hostYield,
  };
}

function print(result: TraceResult, json: boolean): void {
  const doc = traceDocument(result.events);
  if (json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else process.stdout.write(renderText(doc, process.stdout.isTTY ? COLOR : PLAIN));
}

function usage(message: string): number {
  process.stderr.write(`podpath: ${message}\n${TRACE_USAGE}`);
  return 2;
}

/** `podpath trace SCRIPT --from NS ...`: one synthetic packet after the lab. */
export async function traceMain(args: readonly string[]): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') return usage(parsed);
  const dumpDir = parsed.flags.get('--node-dump');
  if (dumpDir !== undefined) {
    const spec = packetSpec(parsed.flags);
    if (typeof spec === 'string') return usage(spec);
    return (await import('./dump.js')).traceNodeDumpMain(dumpDir, parsed.flags, spec, parsed.json);
  }
  const target = parsed.flags.has('--cluster') ? await clusterTarget(parsed) : labTarget(parsed);
  if (typeof target === 'number') return target;
  return traceTarget(target, parsed);
}

/** `podpath run SCRIPT --trace 'CMD'`: the command's output, then the trace of every packet it caused. */
export async function runTraced(args: readonly string[]): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') return usage(parsed);
  const command = parsed.flags.get('--trace')!;
  const lab = labOf(parsed);
  if (!lab) return 127;
  // The command's own output goes to stderr with --json, so stdout stays one JSON document.
  const cmdOut = parsed.json ? lab.stderr : { write: (t: string) => void process.stdout.write(t) };
  const result = await traceCommand(lab, command, cmdOut);
  print(result, parsed.json);
  return result.status;
}

/** What to trace: how to build the world (once per path), and the packet. */
interface Target {
  readonly build: WorldBuilder;
  readonly req: TraceRequest;
}

/** `trace SCRIPT --from NS`: the lab script's world, a packet from one of its namespaces. */
function labTarget(parsed: Parsed): Target | number {
  const from = parsed.flags.get('--from');
  if (from === undefined) return usage('missing --from NS');
  const spec = packetSpec(parsed.flags);
  if (typeof spec === 'string') return usage(spec);
  const lab = labOf(parsed);
  if (!lab) return 127;
  return {
    build: labBuilder(lab),
    req: { source: { kind: 'netns', ns: from }, spec, reply: parsed.flags.has('--reply') },
  };
}

/**
 * `trace --cluster FILE [SCRIPT]`: the cluster twin (then the lab script,
 * when given, inside it), a packet from a pod (`--from pod/NS/NAME`), a
 * node (`--from node/NAME`, locally generated) or from outside arriving on
 * a node's eth0 (`--node NAME --src IP`).
 */
async function clusterTarget(parsed: Parsed): Promise<Target | number> {
  const file = parsed.flags.get('--cluster')!;
  const node = parsed.flags.get('--node');
  const from = parsed.flags.get('--from');
  if ((node === undefined) === (from === undefined))
    return usage('--cluster needs one of --from pod/NS/NAME, --from node/NAME, --node NAME --src IP');
  const srcText = parsed.flags.get('--src');
  if (node !== undefined && srcText === undefined) return usage('--node NAME needs --src IP');
  const flags = new Map(parsed.flags);
  if (srcText !== undefined) flags.set('-s', srcText);
  const spec = packetSpec(flags);
  if (typeof spec === 'string') return usage(spec.replace(/^-s:/, '--src:'));
  const { readCluster } = await import('./cluster.js');
  const cluster = readCluster(file);
  if (!cluster) return 1;
  const source = clusterSource(cluster, from, node);
  if (typeof source === 'string') {
    process.stderr.write(`podpath: trace: ${source} in ${file}\n`);
    return 1;
  }
  const lab = parsed.script ? labOf(parsed) : null;
  if (parsed.script && !lab) return 127;
  const { World } = await import('../kernel/world.js');
  const { bringUp } = await import('../k8s/twin/up.js');
  const { runScript } = await import('../shell/run.js');
  const seedText = parsed.flags.get('--seed');
  const seed =
    seedText !== undefined && Number.isInteger(Number(seedText)) ? Number(seedText) : cluster.spec.seed;
  const build: WorldBuilder = async () => {
    const world = new World({ seed });
    await bringUp(cluster, world);
    const status = lab ? await runScript({ ...lab, world, args: [], keepJobs: true }) : 0;
    return { world, status };
  };
  return { build, req: { source, spec, reply: parsed.flags.has('--reply') } };
}

/** The namespace (and device) a cluster-form packet starts in, or why there is none. */
function clusterSource(
  cluster: Cluster,
  from: string | undefined,
  node: string | undefined,
): PacketSource | string {
  const hasNode = (name: string) => cluster.nodes.some((n) => n.metadata.name === name);
  if (node !== undefined)
    return hasNode(node) ? { kind: 'wire', ns: node, dev: 'eth0' } : `node "${node}" not found`;
  const [kind, ...rest] = from!.split('/');
  if (kind === 'node' && rest.length === 1)
    return hasNode(rest[0]) ? { kind: 'netns', ns: rest[0] } : `node "${rest[0]}" not found`;
  if (kind === 'pod' && (rest.length === 1 || rest.length === 2)) {
    const [ns, name] = rest.length === 2 ? rest : ['default', rest[0]];
    const pod = cluster.pods.find(
      (p) => (p.metadata.namespace ?? 'default') === ns && p.metadata.name === name,
    );
    // The pod's sandbox namespace, as kubelet names it (NAMESPACE.POD).
    return pod ? { kind: 'netns', ns: `${ns}.${name}` } : `pod "${ns}/${name}" not found`;
  }
  // Any other namespace of the twin by its own name (a node, NAMESPACE.POD, or one the lab made).
  return { kind: 'netns', ns: from! };
}

/** Traces one path (or every path), prints it as text or JSON; 1 when the packet could not be sent. */
async function traceTarget(target: Target, parsed: Parsed): Promise<number> {
  const pal = process.stdout.isTTY ? COLOR : PLAIN;
  if (parsed.flags.has('--all-paths')) {
    const ex = await explorePaths(target.build, target.req, hostYield);
    if ('error' in ex) return traceError(ex.error);
    const doc = allPathsDocument(ex, target.req.reply ?? false);
    process.stdout.write(parsed.json ? `${JSON.stringify(doc, null, 2)}\n` : renderAllPaths(doc, pal));
    return 0;
  }
  const run = await tracePath(target.build, target.req, hostYield);
  if ('error' in run) return traceError(run.error);
  const doc = traceDocument(run.events);
  const reply = target.req.reply ? replySummary(doc) : null;
  if (parsed.json) process.stdout.write(`${JSON.stringify(reply ? { ...doc, reply } : doc, null, 2)}\n`);
  else process.stdout.write(renderWithReply(doc, reply, pal));
  return 0;
}

function traceError(error: string): number {
  process.stderr.write(`podpath: trace: ${error}\n`);
  return 1;
}
