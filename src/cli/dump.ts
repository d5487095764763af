import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SyntheticPacket } from '../kernel/trace/inject.js';
import { COLLECT_COMMAND, DUMP_FILES } from '../trace/node-dump/files.js';
import { placeIn } from '../trace/node-dump/error.js';
import { traceNodeDump } from '../trace/node-dump/session.js';
import { traceDocument } from '../trace/json.js';
import { COLOR, PLAIN, renderText } from '../trace/text.js';

export const DUMP_USAGE = `usage: podpath dump [--help]
       podpath trace --node-dump DIR [--in DEV] [-p icmp|tcp|udp] [-s SRC] -d DST [--sport N] [--dport N] [--json]
`;

const HELP = `${DUMP_USAGE}
Prints the shell line that collects a node dump: run it as root on the node
(or inside the namespace to analyse, e.g. under \`ip netns exec NS sh -c '...'\`);
it writes ./node-dump. Copy the directory here and trace packets through the
rebuilt node:

    podpath trace --node-dump node-dump --in eth0 -s 10.0.1.2 -d 10.96.0.10 -p tcp --dport 80

Files (fixed names; the last three may be missing or empty):
  ${DUMP_FILES.iptables}    iptables-save -c   (iptables-legacy-save -c on legacy nodes)
  ${DUMP_FILES.addrJson}         ip -d -j addr      (or ${DUMP_FILES.addrText}: plain ip addr)
  ${DUMP_FILES.route}         ip -4 route show table all
  ${DUMP_FILES.rule}          ip rule
  ${DUMP_FILES.ipset}       ipset save
  ${DUMP_FILES.conntrack}        conntrack -L
  ${DUMP_FILES.sysctl}           sysctl -a          (forwarding, rp_filter... default otherwise)

See docs/node-dump.md.

The collection line:
`;

/** `podpath dump`: the collection command (with --help, what it collects and how to use it). */
export function dumpMain(args: readonly string[]): number {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    process.stdout.write(`${HELP}${COLLECT_COMMAND}\n`);
    return 0;
  }
  if (args.length > 0) {
    process.stderr.write(`podpath: dump: unexpected argument ${args[0]}\n${DUMP_USAGE}`);
    return 2;
  }
  process.stdout.write(`${COLLECT_COMMAND}\n`);
  return 0;
}

/** The dump's files that exist, by name. */
function readDumpDir(dir: string): Map<string, string> | null {
  try {
    if (!statSync(dir).isDirectory()) return null;
  } catch {
    return null;
  }
  const files = new Map<string, string>();
  for (const name of Object.values(DUMP_FILES)) {
    try {
      files.set(name, readFileSync(join(dir, name), 'utf8'));
    } catch {
      // Missing: parseDump says whether that matters.
    }
  }
  return files;
}

const hostYield = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `podpath trace --node-dump DIR ...`: exit 2 on a bad dump (nothing traced), 1 when the packet cannot start. */
export async function traceNodeDumpMain(
  dir: string,
  flags: ReadonlyMap<string, string>,
  spec: SyntheticPacket,
  json: boolean,
): Promise<number> {
  const files = readDumpDir(dir);
  if (!files) {
    process.stderr.write(`podpath: ${dir}: not a directory (see podpath dump)\n`);
    return 2;
  }
  const seed = Number(flags.get('--seed') ?? 1);
  const inDev = flags.get('--in');
  const result = await traceNodeDump(files, spec, {
    ...(inDev === undefined ? {} : { in: inDev }),
    seed: Number.isInteger(seed) ? seed : 1,
    yieldToHost: hostYield,
  });
  if (result instanceof Error) {
    process.stderr.write(`podpath: ${placeIn(dir, result)}\n`);
    return 2;
  }
  if ('error' in result) {
    process.stderr.write(`podpath: trace: ${result.error}\n`);
    return 1;
  }
  for (const w of result.warnings)
    process.stderr.write(`podpath: ${placeIn(dir, { ...w, problem: `warning: ${w.problem}` })}\n`);
  const doc = traceDocument(result.events);
  if (json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else process.stdout.write(renderText(doc, process.stdout.isTTY ? COLOR : PLAIN));
  return 0;
}
