import type { Command, Proc } from '../process.js';
import type { Table, TableName } from '../../kernel/netfilter/types.js';
import { isTableName, SAVE_ORDER } from '../../kernel/netfilter/tables.js';
import { orderedChains, taintedNotice } from './list.js';
import { ruleLine } from './rule-text.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime() of the virtual clock (the epoch at start): the harness normalizes this line anyway. */
export function ctime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** One table block of iptables-save, without the comment lines. */
export function saveTable(table: Table, counters: boolean): string {
  const chains = orderedChains(table);
  let s = `*${table.name}\n`;
  for (const c of chains) {
    const cnt = c.kind === 'builtin' ? c.counters : { packets: 0n, bytes: 0n };
    s += `:${c.name} ${c.kind === 'builtin' ? c.policy : '-'} [${cnt.packets}:${cnt.bytes}]\n`;
  }
  for (const c of chains) for (const r of c.rules) s += ruleLine(c.name, r, counters) + '\n';
  return s + 'COMMIT\n';
}

/** iptables-save's long options (getopt_long, any unambiguous prefix) and whether each takes an argument. */
const SAVE_LONG: Readonly<Record<string, readonly [string, boolean]>> = {
  counters: ['c', false],
  version: ['V', false],
  dump: ['d', false],
  table: ['t', true],
  modprobe: ['M', true],
  file: ['f', true],
};
/** The optstring "bcdt:M:f:V": letter to whether it takes an argument. */
const SAVE_SHORT: Readonly<Record<string, boolean>> = {
  b: false,
  c: false,
  d: false,
  t: true,
  M: true,
  f: true,
  V: false,
};

interface SaveOptions {
  counters: boolean;
  table?: string;
  file?: string;
  version: boolean;
}

/** getopt_long over argv as iptables-save 1.8.9 runs it; a string is glibc's complaint. */
function parseSaveArgs(args: readonly string[], warn: (t: string) => void): SaveOptions | string {
  const o: SaveOptions = { counters: false, version: false };
  const operands: string[] = [];
  const apply = (c: string, arg: string | undefined) => {
    if (c === 'c') o.counters = true;
    else if (c === 't') o.table = arg;
    else if (c === 'f') o.file = arg;
    else if (c === 'V') o.version = true;
    else if (c === 'b') warn('-b/--binary option is not implemented\n');
  };
  for (let i = 0; i < args.length && !o.version; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const hits = Object.keys(SAVE_LONG).filter((k) => k.startsWith(name));
      const long = SAVE_LONG[name] ? name : hits.length === 1 ? hits[0] : undefined;
      if (long === undefined) return `unrecognized option '${a}'`;
      const [c, takes] = SAVE_LONG[long];
      let arg = eq < 0 ? undefined : a.slice(eq + 1);
      if (!takes && arg !== undefined) return `option '--${long}' doesn't allow an argument`;
      if (takes && arg === undefined) {
        if (i + 1 >= args.length) return `option '--${long}' requires an argument`;
        arg = args[++i];
      }
      apply(c, arg);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const c = a[k];
        const takes = SAVE_SHORT[c];
        if (takes === undefined) return `invalid option -- '${c}'`;
        if (!takes) {
          apply(c, undefined);
          continue;
        }
        let arg: string | undefined = a.slice(k + 1);
        if (arg === '') {
          if (i + 1 >= args.length) return `option requires an argument -- '${c}'`;
          arg = args[++i];
        }
        apply(c, arg);
        break;
      }
    } else operands.push(a);
  }
  if (!o.version && operands.length > 0) return 'Unknown arguments found on commandline';
  return o;
}

/** `iptables-save [-c] [-t TABLE] [-f FILE] [-V]`. */
export const iptablesSave: Command = async (proc: Proc) => {
  const parsed = parseSaveArgs(proc.argv.slice(1), (t) => proc.stderr.write(t));
  if (typeof parsed === 'string') {
    proc.stderr.write(
      parsed.startsWith('Unknown')
        ? `${parsed}\n`
        : `iptables-save: ${parsed}\nLook at manual page \`iptables-save.8' for more information.\n`,
    );
    return 1;
  }
  if (parsed.version) {
    proc.stdout.write(`iptables-save v1.8.9 (nf_tables)\n`);
    return 0;
  }
  // The emulated machine has no writable file system: fopen fails as on a read-only mount.
  if (parsed.file !== undefined) {
    proc.stderr.write('Failed to open file, error: Read-only file system\n');
    return 1;
  }
  const counters = parsed.counters;
  const only = parsed.table;
  const nf = proc.netns.netfilter;
  if (only !== undefined && !isTableName(only)) {
    proc.stderr.write(`Table \`${only}' does not exist\n`);
    return 1;
  }
  const names: TableName[] =
    only !== undefined ? [only as TableName] : SAVE_ORDER.filter((t) => nf.exists(t));
  const when = ctime(proc.world.clock.now);
  let out = '';
  for (const t of names) {
    out += taintedNotice(nf.view(t));
    out += `# Generated by iptables-save v1.8.9 (nf_tables) on ${when}\n`;
    out += saveTable(nf.view(t), counters);
    out += `# Completed on ${when}\n`;
  }
  proc.stdout.write(out);
  return 0;
};
