import type { Command, Proc } from '../process.js';
import { tcpDumpOrder, udpDumpOrder } from '../../kernel/socket/diag.js';
import { parseSsArgs } from './args.js';
import type { SsArgs } from './args.js';
import { parseFilter, runFilter } from './filter.js';
import type { SsFilter } from './filter.js';
import { renderTable } from './render.js';
import type { ColumnId, Row } from './render.js';
import { SS, SS_ALL, SS_CONN, scanState } from './states.js';
import { tcpRow, tcpSsState, udpRow, udpSsState } from './rows.js';
import type { Shown } from './rows.js';
import { summary } from './summary.js';
import { SS_USAGE } from './usage.js';

type Db = 'tcp' | 'udp' | 'raw' | 'unix' | 'other';
const INET_DBS: readonly Db[] = ['tcp', 'udp', 'raw', 'other'];
const ALL_DBS: readonly Db[] = ['tcp', 'udp', 'raw', 'unix', 'other'];
/** default_dbs[].states: what enabling a table adds to the state mask. */
const DB_STATES: Record<Db, number> = {
  tcp: SS_CONN,
  udp: 1 << SS.ESTABLISHED,
  raw: 1 << SS.ESTABLISHED,
  unix: SS_CONN,
  other: SS_CONN,
};

/** struct filter: the socket tables, families and states to dump. */
interface Selection {
  dbs: Set<Db>;
  families: Set<'inet' | 'inet6' | 'unix'>;
  states: number;
}

/** iproute2's ss: TCP and UDP sockets of the namespace, in kernel dump order. */
export const ss: Command = async (proc) => {
  const parsed = parseSsArgs(proc.argv.slice(1));
  if (!parsed.ok) {
    proc.stderr.write(parsed.stderr + SS_USAGE);
    return 255;
  }
  const args = parsed.args;
  const f = args.flags;
  if (f.has('V')) {
    proc.stdout.write('ss utility, iproute2-6.1.0\n');
    return 0;
  }
  if (f.has('h')) {
    proc.stdout.write(SS_USAGE);
    return 0;
  }
  if (f.has('Z') || f.has('z')) {
    proc.stderr.write('ss: SELinux is not enabled.\n');
    return 1;
  }
  const sel = selection(args);
  const doDefault = sel.dbs.size === 0 && sel.families.size === 0;
  if (f.has('s')) {
    proc.stdout.write(summary(proc.netns));
    if (doDefault && args.rest.length === 0) return 0;
  }
  let stateFilter =
    args.stateOption === 'a' ? SS_ALL : args.stateOption === 'l' ? stateBits(SS.LISTEN, SS.CLOSE) : 0;
  const rest = [...args.rest];
  let sawStates = false;
  while (rest[0] === 'state' || rest[0] === 'exclude' || rest[0] === 'excl') {
    const word = rest.shift()!;
    const name = rest.shift();
    if (name === undefined) {
      proc.stderr.write('Command line is not complete. Try option "help"\n');
      return 255;
    }
    const mask = scanState(name);
    if (mask === null) {
      proc.stderr.write(`ss: wrong state name: ${name}\n`);
      return 255;
    }
    if (word === 'state') stateFilter = (sawStates ? stateFilter : 0) | mask;
    else stateFilter = (sawStates ? stateFilter : SS_ALL) & ~mask;
    sawStates = true;
  }
  if (doDefault) {
    stateFilter ||= SS_CONN;
    for (const db of ALL_DBS) sel.dbs.add(db);
  }
  if (stateFilter) sel.states = stateFilter;
  mergeDefaults(sel);
  const parsedFilter = parseFilter(rest, (name) => servicePort(proc, name, sel.dbs));
  if (!parsedFilter.ok) {
    proc.stderr.write(parsedFilter.stderr + (parsedFilter.usage ? SS_USAGE : ''));
    return parsedFilter.status;
  }
  const shown: Shown = {
    numeric: f.has('n'),
    users: f.has('p'),
    options: f.has('o') || f.has('e'),
    details: f.has('e'),
    info: f.has('i'),
  };
  const rows = dump(proc, sel, parsedFilter.filter, shown);
  const disabled = new Set<ColumnId>();
  if (sel.dbs.size === 1) disabled.add('netid');
  if ((sel.states & (sel.states - 1)) === 0) disabled.add('state');
  proc.stdout.write(renderTable(rows, disabled, !f.has('H')));
  return 0;
};

const stateBits = (...states: number[]) => states.reduce((m, s) => m | (1 << s), 0);

/** The -t/-u/-w/-x/-4/-6/-f/-A options (filter_db_set, filter_af_set) in effect. */
function selection(args: SsArgs): Selection {
  const sel: Selection = { dbs: new Set(), families: new Set(), states: 0 };
  const db = (d: Db) => {
    sel.dbs.add(d);
    sel.states |= DB_STATES[d];
  };
  const af = (a: 'inet' | 'inet6' | 'unix') => {
    sel.families.add(a);
    sel.states |= SS_CONN;
  };
  const f = args.flags;
  if (f.has('t')) db('tcp');
  if (f.has('u')) db('udp');
  if (f.has('w')) db('raw');
  if (f.has('d') || f.has('S') || f.has('M')) db('other');
  if (f.has('x')) af('unix');
  if (f.has('4')) af('inet');
  if (f.has('6')) af('inet6');
  for (const fam of args.families) if (fam === 'inet' || fam === 'inet6' || fam === 'unix') af(fam);
  for (const q of args.queries.flatMap((x) => x.split(','))) {
    if (q === 'tcp' || q === 'udp' || q === 'raw') db(q);
    else if (q === 'inet') INET_DBS.forEach(db);
    else if (q === 'all') ALL_DBS.forEach(db);
  }
  return sel;
}

/** filter_merge_defaults: tables imply their families and families their tables. */
function mergeDefaults(sel: Selection): void {
  const inetDb = INET_DBS.some((d) => sel.dbs.has(d));
  if (inetDb && !sel.families.has('inet') && !sel.families.has('inet6')) {
    sel.families.add('inet');
    sel.families.add('inet6');
  }
  if (sel.dbs.has('unix')) sel.families.add('unix');
  if ((sel.families.has('inet') || sel.families.has('inet6')) && !inetDb)
    INET_DBS.forEach((d) => sel.dbs.add(d));
  if (sel.families.has('unix')) sel.dbs.add('unix');
}

/** getservbyname for a filter's port, as parse_hostcond looks it up per enabled table. */
function servicePort(proc: Proc, name: string, dbs: ReadonlySet<Db>): number | null {
  const text = proc.readFile('/etc/services') ?? '';
  for (const line of text.split('\n')) {
    const m = /^([^\s#]+)\s+(\d+)\/(\w+)([^#]*)/.exec(line);
    if (!m || !dbs.has(m[3] as Db)) continue;
    if (m[1] === name || m[4].trim().split(/\s+/).includes(name)) return Number(m[2]);
  }
  return null;
}

/** The dumps in ss's order: UDP first, then TCP; only IPv4 sockets exist. */
function dump(proc: Proc, sel: Selection, filter: SsFilter | null, shown: Shown): Row[] {
  const rows: Row[] = [];
  if (!sel.families.has('inet')) return rows;
  const wanted = (state: number, s: Parameters<typeof runFilter>[1]) =>
    (sel.states & (1 << state)) !== 0 && (filter === null || runFilter(filter, s));
  if (sel.dbs.has('udp'))
    for (const s of udpDumpOrder(proc.netns)) if (wanted(udpSsState(s), s)) rows.push(udpRow(proc, s, shown));
  if (sel.dbs.has('tcp'))
    for (const s of tcpDumpOrder(proc.netns)) if (wanted(tcpSsState(s), s)) rows.push(tcpRow(proc, s, shown));
  return rows;
}
