import type { ExtData, ExtSpec, ParseCtx } from './spec.js';
import type { CounterCond, SetRef } from '../../../kernel/netfilter/matches/set.js';
import type { Dir } from '../../../kernel/ipset/kadt.js';
import { paramError } from '../errors.js';
import { ipsetNet } from '../../../kernel/ipset/store.js';

/** IPSET_DIM_MAX: at most six src/dst flags. */
const DIM_MAX = 6;

/**
 * libxt_set's parse_dirs and get_set_byname: the flags, then the set,
 * which must exist (the kernel is asked by name; rules keep it).
 */
function parseRef(arg: string, ctx: ParseCtx): SetRef {
  const [name, flags] = arg.split('\0');
  const words = flags.split(',');
  if (words.length > DIM_MAX) throw paramError(`Can't be more src/dst options than ${DIM_MAX}.`);
  const dirs: Dir[] = [];
  for (const w of words) {
    if (w !== 'src' && w !== 'dst')
      throw paramError("You must spefify (the comma separated list of) 'src' or 'dst'.");
    dirs.push(w);
  }
  if (ctx.netns && !ipsetNet(ctx.netns).find(name)) throw paramError(`Set ${name} doesn't exist.\n`);
  return { name, dirs };
}

const refText = (r: SetRef) => `${r.name} ${r.dirs.join(',')}`;

const COUNTER_OPTS = ['packets-eq', 'packets-lt', 'packets-gt', 'bytes-eq', 'bytes-lt', 'bytes-gt'];

function counterText(d: ExtData, dash: string): string {
  let s = '';
  for (const k of ['packets', 'bytes']) {
    const c = d[k] as CounterCond | undefined;
    if (!c) continue;
    if (c.op === 'ne') s += ` ! ${dash}${k}-eq ${c.value}`;
    else s += ` ${dash}${k}-${c.op} ${c.value}`;
  }
  return s;
}

function matchText(d: ExtData, dash: string): string {
  let s = `${d.inv ? ' !' : ''} ${dash}match-set ${refText(d.set as SetRef)}`;
  if (d.returnNomatch) s += ` ${dash}return-nomatch`;
  if (d.noUpdateCounters) s += ` ! ${dash}update-counters`;
  if (d.noUpdateSubcounters) s += ` ! ${dash}update-subcounters`;
  return s + counterText(d, dash);
}

/** The set match (libxt_set revision 4, as iptables 1.8.9 uses). */
export const set: ExtSpec = {
  name: 'set',
  options: {
    'match-set': { arg: true, arg2: true },
    set: { arg: true, arg2: true },
    'return-nomatch': { arg: false },
    'update-counters': { arg: false },
    'update-subcounters': { arg: false },
    ...Object.fromEntries(COUNTER_OPTS.map((o) => [o, { arg: true }])),
  },
  parse(d, opt, arg, invert, ctx) {
    if (opt === 'match-set' || opt === 'set') {
      if (d.set) throw paramError('--match-set can be specified only once');
      d.set = parseRef(arg, ctx);
      d.inv = invert;
      return;
    }
    if (opt === 'return-nomatch') d.returnNomatch = true;
    else if (opt === 'update-counters') d.noUpdateCounters = invert;
    else if (opt === 'update-subcounters') d.noUpdateSubcounters = invert;
    else {
      const [kind, op] = opt.split('-') as ['packets' | 'bytes', 'eq' | 'lt' | 'gt'];
      if (d[kind]) throw paramError(`only one of the --${kind}-[eq|lt|gt] is allowed`);
      if (invert && op !== 'eq') throw paramError(`--${opt} option cannot be inverted`);
      if (!/^\d+$/.test(arg)) throw paramError(`Cannot parse ${arg} as a number`);
      const cond: CounterCond = { op: invert ? 'ne' : op, value: BigInt(arg) };
      d[kind] = cond;
    }
  },
  final(d) {
    if (!d.set) throw paramError("You must specify `--match-set' with proper arguments");
  },
  save: (d) => matchText(d, '--'),
  print: (d) => matchText(d, ''),
};

function targetText(d: ExtData, dash: string): string {
  let s = '';
  if (d.addSet) s += ` ${dash}add-set ${refText(d.addSet as SetRef)}`;
  if (d.exist) s += ` ${dash}exist`;
  if (d.timeout !== undefined) s += ` ${dash}timeout ${d.timeout as number}`;
  if (d.delSet) s += ` ${dash}del-set ${refText(d.delSet as SetRef)}`;
  return s;
}

/** The SET target (libxt_SET revision 3). */
export const SET: ExtSpec = {
  name: 'SET',
  options: {
    'add-set': { arg: true, arg2: true },
    'del-set': { arg: true, arg2: true },
    exist: { arg: false },
    timeout: { arg: true },
  },
  parse(d, opt, arg, _invert, ctx) {
    if (opt === 'add-set') d.addSet = parseRef(arg, ctx);
    else if (opt === 'del-set') d.delSet = parseRef(arg, ctx);
    else if (opt === 'exist') d.exist = true;
    else {
      if (!/^\d+$/.test(arg) || Number(arg) > 0xffffffff)
        throw paramError(`Invalid value for option --timeout or out of range 0-4294967295`);
      d.timeout = Number(arg);
    }
  },
  final(d) {
    if (!d.addSet && !d.delSet)
      throw paramError("You must specify either `--add-set' or `--del-set' or `--map-set'");
    if (!d.addSet && (d.exist || d.timeout !== undefined)) {
      throw paramError(
        d.exist
          ? "Flag `--exist' can be used with `--add-set' only"
          : "Option `--timeout' can be used with `--add-set' only",
      );
    }
  },
  save: (d) => targetText(d, '--'),
  print: (d) => targetText(d, ''),
};
