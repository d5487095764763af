import { readFileSync } from 'node:fs';
import { parseIPv4 } from '../net/ipv4.js';
import type { SyntheticPacket } from '../kernel/trace/inject.js';
import type { LabOptions, TraceResult } from '../trace/session.js';
import { traceCommand, traceSynthetic } from '../trace/session.js';
import { traceDocument } from '../trace/json.js';
import { COLOR, PLAIN, renderText } from '../trace/text.js';

export const TRACE_USAGE = `usage: podpath trace [--seed N] SCRIPT --from NS [-p icmp|tcp|udp] [-s SRC] -d DST [--sport N] [--dport N] [--json]
       podpath run [--seed N] SCRIPT --trace 'COMMAND' [--json]
`;

const hostYield = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Options of both forms: flags with a value, and --json. */
interface Parsed {
  readonly script: string;
  readonly flags: Map<string, string>;
  readonly json: boolean;
}

const VALUED = new Set(['--seed', '--from', '-p', '-s', '-d', '--sport', '--dport', '--trace']);

function parse(args: readonly string[]): Parsed | string {
  const flags = new Map<string, string>();
  let script: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (VALUED.has(a)) {
      if (i + 1 >= args.length) return `option ${a} needs a value`;
      flags.set(a, args[++i]);
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (script === undefined) script = a;
    else return `unexpected argument ${a}`;
  }
  if (script === undefined) return 'missing SCRIPT';
  return { script, flags, json };
}

function port(text: string | undefined, name: string): number | undefined | string {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : `${name}: bad port "${text}"`;
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
  return {
    proto,
    dst,
    ...(src === undefined ? {} : { src }),
    ...(sport === undefined ? {} : { sport }),
    ...(dport === undefined ? {} : { dport }),
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
  const from = parsed.flags.get('--from');
  if (from === undefined) return usage('missing --from NS');
  const spec = packetSpec(parsed.flags);
  if (typeof spec === 'string') return usage(spec);
  const lab = labOf(parsed);
  if (!lab) return 127;
  const result = await traceSynthetic(lab, from, spec);
  if ('error' in result) {
    process.stderr.write(`podpath: trace: ${result.error}\n`);
    return 1;
  }
  print(result, parsed.json);
  return 0;
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
