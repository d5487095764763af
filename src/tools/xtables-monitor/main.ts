import type { Command, Proc } from '../process.js';
import type { NftMessage } from '../../kernel/netfilter/monitor.js';
import { NFT_GROUP, nftListen } from '../../kernel/netfilter/monitor.js';
import { eventLine, traceLines } from './format.js';
import { parseArgs, USAGE, VERSION } from './args.js';

/** Long enough to be "until a signal": a listener sleeps on the virtual clock. */
const FOREVER_MS = 1e15;

/** glibc's buffer for a stdout that is not a terminal (st_blksize of a pipe or file). */
const STDIO_BUFSIZ = 4096;

/**
 * stdout as the C library buffers it when it is not a terminal: trace_cb
 * flushes after every trace message, rule and chain events are only
 * written when 4096 bytes piled up. A monitor killed by a signal loses
 * what is still buffered, as the real one does (no handler flushes it).
 */
class StdioBuffer {
  private pending = '';

  constructor(private readonly proc: Proc) {}

  print(text: string): void {
    this.pending += text;
    while (this.pending.length >= STDIO_BUFSIZ) {
      this.proc.stdout.write(this.pending.slice(0, STDIO_BUFSIZ));
      this.pending = this.pending.slice(STDIO_BUFSIZ);
    }
  }

  flush(): void {
    if (this.pending) this.proc.stdout.write(this.pending);
    this.pending = '';
  }
}

/** xtables-monitor (iptables 1.8.9): ruleset events and packet traces of the namespace, until killed. */
export const xtablesMonitor: Command = async (proc) => {
  const args = parseArgs(proc.argv.slice(1));
  switch (args.kind) {
    case 'usage':
      proc.stdout.write(USAGE);
      return 1;
    case 'version':
      proc.stdout.write(`xtables-monitor ${VERSION}\n`);
      return 0;
    case 'bad':
      proc.stderr.write(
        `xtables-monitor ${VERSION}: Bad argument.\nTry \`xtables-monitor -h' for more information.\n`,
      );
      return 2;
  }
  const out = new StdioBuffer(proc);
  const groups = (args.trace ? NFT_GROUP.trace : 0) | (args.events ? NFT_GROUP.events : 0);
  const deliver = (m: NftMessage) => {
    // -6 only: every message here is IPv4 (NEWGEN has no family).
    if (args.ipv6 && m.kind !== 'gen') return;
    if (m.kind === 'trace') {
      out.print(traceLines(m, args.counters));
      out.flush();
    } else out.print(eventLine(m, args.counters));
  };
  const unlisten = nftListen(proc.netns.netfilter, groups, deliver);
  try {
    await proc.sleep(FOREVER_MS);
    return 0;
  } finally {
    unlisten();
  }
};
