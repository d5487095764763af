import type { ExtData, ExtSpec } from './spec.js';
import type { XtOpt } from './util.js';
import { paramError } from '../errors.js';
import { formatIPv4 } from '../../../net/ipv4.js';
import { xtOptionParse, xtOptionsFcheck, xtString, xtUint } from './util.js';
import { RECENT } from '../../../kernel/netfilter/matches/recent.js';
import { inetAton } from '../../ping.js';
import { lookupHost } from '../../ping-format.js';

/** Size of the name buffer in xt_recent_mtinfo_v1 (XT_RECENT_NAME_LEN), NUL included. */
const NAME_LEN = 200;
const OPS = ['set', 'rcheck', 'update', 'remove'] as const;
const OP_BITS: Record<string, number> = {
  set: RECENT.SET,
  rcheck: RECENT.CHECK,
  update: RECENT.UPDATE,
  remove: RECENT.REMOVE,
};

/** recent_opts_v1: one of the four commands, each excluding the others. */
const OPTS: readonly XtOpt[] = [
  ...OPS.map((name) => ({ name, invert: true, excl: OPS.filter((o) => o !== name) })),
  { name: 'seconds' },
  { name: 'reap', also: ['seconds'] },
  { name: 'hitcount' },
  { name: 'rttl', excl: ['set', 'remove'] },
  { name: 'name' },
  { name: 'rsource' },
  { name: 'rdest' },
  { name: 'mask' },
];

/** XTTYPE_HOST: a numeric address in any inet_aton form, or a host name. */
export function parseHost(text: string): number {
  const addr = inetAton(text) ?? lookupHost(text);
  if (addr === undefined || addr === null) throw paramError('getaddrinfo: Name or service not known\n');
  return addr;
}

const orBit = (d: ExtData, bit: number) => void (d.checkSet = (d.checkSet as number) | bit);

/** What the rule does with its list, as print and save name it. */
const COMMANDS: readonly (readonly [number, string, string])[] = [
  [RECENT.SET, 'SET', 'set'],
  [RECENT.CHECK, 'CHECK', 'rcheck'],
  [RECENT.UPDATE, 'UPDATE', 'update'],
  [RECENT.REMOVE, 'REMOVE', 'remove'],
];

/** recent_save (`--` words) and recent_print: seconds are printed signed (%d), as 1.8.9 does. */
function text(d: ExtData, save: boolean): string {
  const set = d.checkSet as number;
  let s = d.inv ? ' !' : '';
  s += save ? '' : ' recent:';
  for (const [bit, shown, opt] of COMMANDS) if (set & bit) s += save ? ` --${opt}` : ` ${shown}`;
  const seconds = d.seconds as number;
  if (seconds) s += save ? ` --seconds ${seconds | 0}` : ` seconds: ${seconds | 0}`;
  if (set & RECENT.REAP) s += save ? ' --reap' : ' reap';
  if (d.hitCount) s += save ? ` --hitcount ${d.hitCount as number}` : ` hit_count: ${d.hitCount as number}`;
  if (set & RECENT.TTL) s += save ? ' --rttl' : ' TTL-Match';
  const mask = formatIPv4(d.mask as number);
  if (save)
    return `${s} --name ${d.name as string} --mask ${mask} --${d.side === 'dest' ? 'rdest' : 'rsource'}`;
  return `${s} name: ${d.name as string} side: ${d.side === 'dest' ? 'dest' : 'source'} mask: ${mask}`;
}

/** libxt_recent revision 1 (with --mask). */
export const recent: ExtSpec = {
  name: 'recent',
  options: {
    set: { arg: false },
    rcheck: { arg: false },
    update: { arg: false },
    remove: { arg: false },
    seconds: { arg: true },
    reap: { arg: false },
    hitcount: { arg: true },
    rttl: { arg: false },
    name: { arg: true },
    rsource: { arg: false },
    rdest: { arg: false },
    mask: { arg: true },
  },
  init: () => ({
    checkSet: 0,
    inv: false,
    seconds: 0,
    hitCount: 0,
    name: 'DEFAULT',
    side: 'source',
    mask: 0xffffffff,
  }),
  parse(d, opt, arg, invert) {
    xtOptionParse(d, 'recent', OPTS, opt, invert);
    if (OP_BITS[opt] !== undefined) {
      orBit(d, OP_BITS[opt]);
      if (invert) d.inv = true;
    } else if (opt === 'seconds') d.seconds = xtUint('recent', opt, arg, 1);
    else if (opt === 'hitcount') d.hitCount = xtUint('recent', opt, arg);
    else if (opt === 'reap') orBit(d, RECENT.REAP);
    else if (opt === 'rttl') orBit(d, RECENT.TTL);
    else if (opt === 'name') d.name = xtString(arg, NAME_LEN);
    else if (opt === 'rsource' || opt === 'rdest') d.side = opt === 'rdest' ? 'dest' : 'source';
    else {
      d.mask = parseHost(arg);
      d.maskGiven = true;
    }
  },
  final(d) {
    if (!((d.checkSet as number) & (RECENT.SET | RECENT.CHECK | RECENT.UPDATE | RECENT.REMOVE)))
      throw paramError("recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
    xtOptionsFcheck(d, 'recent', OPTS);
  },
  save: (d) => text(d, true),
  print: (d) => text(d, false),
  // recent_init sets all 16 bytes of the mask; an IPv4 --mask sets 4 and
  // zeroes the rest: an explicit 255.255.255.255 is another rule to -C/-D.
  compareKey: (d) => text(d, true) + (d.maskGiven ? ' mask-given' : ''),
};
