import { fstatSync, readFileSync } from 'node:fs';
import { World } from '../kernel/world.js';
import { runScript } from '../shell/run.js';
import { capturePcapDir, takePcapDir } from './pcap-dir.js';
import { progressReporter } from './progress.js';
import type { OutStream } from '../tools/process.js';

const USAGE = `usage: podpath run [--seed N] [--cluster CLUSTER.yaml] [--pcap DIR] SCRIPT [ARG...]
       podpath run [--seed N] SCRIPT --trace 'COMMAND' [--json]
       podpath trace [--seed N] SCRIPT --from NS [-p icmp|tcp|udp] [-s SRC] -d DST [--sport N] [--dport N] [--json]
       podpath up CLUSTER.yaml [--steps] [--serve HOST:PORT [--storage memory|sqlite:PATH|etcd://HOST:PORT]]
       podpath trace --node-dump DIR [--in DEV] [-p icmp|tcp|udp] [-s SRC] -d DST [--sport N] [--dport N] [--json]
       podpath dump [--help]
       podpath shell [--seed N]
       podpath proxy sync CLUSTER.yaml --node NAME [--no-jumps]
       podpath apiserver [--listen HOST:PORT] [--storage memory|sqlite:PATH|etcd://HOST:PORT]
                         [--tls-cert FILE --tls-key FILE] [--token-file FILE] [--authorization-mode AlwaysAllow|RBAC]
`;

const hostYield = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Buffers output and flushes it in large writes: lab scripts print many
 * small lines. Node's stream for the fd is made on the first write (making
 * one costs ~7 ms: a script that prints nothing, such as a restore, skips it).
 */
function bufferedStream(fd: 1 | 2): OutStream & { flush(): void } {
  let pending = '';
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  return {
    write(text: string) {
      pending += text;
      if (pending.length > 1 << 16) this.flush();
    },
    flush() {
      if (pending) stream().write(pending);
      pending = '';
    },
  };
}

/**
 * Whether stderr is a terminal, without making process.stderr for a pipe
 * or a file (see bufferedStream; node:tty's isatty loads as much): only a
 * character device can be one.
 */
function stderrIsTTY(): boolean {
  try {
    return fstatSync(2).isCharacterDevice() && process.stderr.isTTY === true;
  } catch {
    return false;
  }
}

function parseSeed(args: string[]): number {
  const i = args.indexOf('--seed');
  if (i < 0) return 1;
  const seed = Number(args[i + 1]);
  args.splice(i, 2);
  if (!Number.isInteger(seed)) throw new UsageError('--seed needs an integer');
  return seed;
}

class UsageError extends Error {}

async function run(args: string[]): Promise<number> {
  const seed = parseSeed(args);
  const clusterFile = args[0] === '--cluster' ? args.splice(0, 2)[1] : undefined;
  const pcapDir = takePcapDir(args);
  const script = args.shift();
  if (!script) throw new UsageError('run: missing SCRIPT');
  let source: string;
  try {
    source = readFileSync(script, 'utf8');
  } catch {
    process.stderr.write(`bash: ${script}: No such file or directory\n`);
    return 127;
  }
  const stdout = bufferedStream(1);
  const stderr = bufferedStream(2);
  // Keep the two streams in order relative to each other when both go to one terminal.
  const out: OutStream = { write: (t) => (stderr.flush(), stdout.write(t)) };
  const err: OutStream = { write: (t) => (stdout.flush(), stderr.write(t)) };
  const world = new World({ seed });
  // Every device of the lab recorded as `tcpdump -i DEV -w` would, one file each.
  const writePcaps = pcapDir === undefined ? null : capturePcapDir(world, pcapDir);
  // A cluster lab runs in a world where the cluster is already up (nodes, pods, rules).
  if (clusterFile !== undefined && !(await (await import('./cluster.js')).clusterIn(clusterFile, world)))
    return 1;
  try {
    return await runScript({
      world,
      source,
      scriptName: script,
      args,
      stdout: out,
      stderr: err,
      cwd: process.cwd(),
      yieldToHost: hostYield,
      // The bar goes to the terminal directly: what the script printed before it goes first.
      progress: progressReporter({
        isTTY: stderrIsTTY(),
        get columns() {
          return process.stderr.columns;
        },
        write: (t) => (stdout.flush(), stderr.flush(), process.stderr.write(t)),
      }),
    });
  } finally {
    writePcaps?.();
    stdout.flush();
    stderr.flush();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      if (rest.includes('--trace')) return (await import('./trace.js')).runTraced(rest);
      return run(rest);
    case 'trace':
      return (await import('./trace.js')).traceMain(rest);
    case 'dump':
      return (await import('./dump.js')).dumpMain(rest);
    case 'apiserver': {
      const { apiserver } = await import('./apiserver.js');
      return apiserver(rest);
    }
    case 'up': {
      const { up } = await import('./cluster.js');
      return up(rest);
    }
    case 'proxy': {
      const { proxyCommand } = await import('./proxy.js');
      return proxyCommand(rest);
    }
    case 'shell': {
      const { interactive } = await import('./interactive.js');
      return interactive(parseSeed(rest), hostYield);
    }
    case '-h':
    case '--help':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`podpath: ${error.message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  },
);
