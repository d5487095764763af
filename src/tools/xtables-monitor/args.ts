export const VERSION = '1.8.9';

/** print_usage (on stdout; the program then exits 1, even for -h). */
export const USAGE = `xtables-monitor ${VERSION} (nf_tables)
Usage: xtables-monitor [ -t | -e ]
        --trace    -t    trace ruleset traversal of packets tagged via -j TRACE rule
        --event    -e    show events that modify the ruleset
Optional arguments:
        --ipv4     -4    only monitor IPv4
        --ipv6     -6    only monitor IPv6
\t--counters -c    show counters in rules
`;

export type MonitorArgs =
  | { kind: 'usage' }
  | { kind: 'version' }
  | { kind: 'bad' }
  | { kind: 'run'; trace: boolean; events: boolean; counters: boolean; ipv6: boolean };

const LONG: Record<string, string> = {
  counters: 'c',
  trace: 't',
  event: 'e',
  ipv4: '4',
  ipv6: '6',
  version: 'V',
  help: 'h',
};

/** A long option by its name or an unambiguous prefix (getopt_long), as its short letter. */
function longOption(word: string): string | null {
  const name = word.slice(2);
  if (name.includes('=')) return null;
  if (Object.hasOwn(LONG, name)) return LONG[name];
  const hits = Object.keys(LONG).filter((k) => k.startsWith(name));
  return hits.length === 1 ? LONG[hits[0]] : null;
}

/**
 * getopt_long("ceht46V") in order, opterr off: the first unknown option is
 * "Bad argument", -h and -V end parsing at once, words that are not
 * options are ignored; without -t or -e there is nothing to listen to.
 */
export function parseArgs(argv: readonly string[]): MonitorArgs {
  const a = { kind: 'run' as const, trace: false, events: false, counters: false, ipv6: false };
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    if (w === '--') break;
    if (!w.startsWith('-') || w === '-') continue;
    const letters = w.startsWith('--') ? longOption(w) : w.slice(1);
    if (letters === null) return { kind: 'bad' };
    for (const c of letters) {
      switch (c) {
        case 'c':
          a.counters = true;
          break;
        case 't':
          a.trace = true;
          break;
        case 'e':
          a.events = true;
          break;
        case 'h':
          return { kind: 'usage' };
        case '4':
          a.ipv6 = false;
          break;
        case '6':
          a.ipv6 = true;
          break;
        case 'V':
          return { kind: 'version' };
        default:
          return { kind: 'bad' };
      }
    }
  }
  return a.trace || a.events ? a : { kind: 'usage' };
}
