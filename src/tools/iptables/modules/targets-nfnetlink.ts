import type { ExtSpec } from './spec.js';
import type { XtOpt } from './util.js';
import { paramError } from '../errors.js';
import { parseUint, xtString, xtUint } from './util.js';
import { saveString } from './matches-misc.js';

const NFLOG_OPTS: readonly XtOpt[] = [
  { name: 'nflog-group' },
  { name: 'nflog-prefix' },
  { name: 'nflog-range', excl: ['nflog-size'] },
  { name: 'nflog-size', excl: ['nflog-range'] },
  { name: 'nflog-threshold' },
];

/**
 * What libxt_NFLOG prints, `tag` being `--` for -S and empty for -L. Under
 * iptables-nft the rule becomes an nft `log group` expression: a
 * --nflog-range length is not kept, a threshold of 0 reads back as none.
 */
function nflogText(d: Record<string, unknown>, tag: string): string {
  let s = '';
  if (d.prefix !== undefined) s += ` ${tag}nflog-prefix${saveString(d.prefix as string)}`;
  if (d.group) s += ` ${tag}nflog-group ${d.group as number}`;
  if (d.size !== undefined) s += ` ${tag}nflog-size ${d.size as number}`;
  if (d.threshold) s += ` ${tag}nflog-threshold ${d.threshold as number}`;
  return s;
}

/** libxt_NFLOG: hands packets to nfnetlink_log group N (ulogd, `tcpdump -i nflog:N`). */
export const NFLOG: ExtSpec = {
  name: 'NFLOG',
  options: {
    'nflog-group': { arg: true },
    'nflog-prefix': { arg: true },
    'nflog-range': { arg: true },
    'nflog-size': { arg: true },
    'nflog-threshold': { arg: true },
  },
  xtopts: NFLOG_OPTS,
  parse(d, opt, arg, _invert, ctx) {
    if (opt === 'nflog-group') d.group = xtUint('NFLOG', opt, arg, 0, 0xffff);
    // An nft log prefix holds 127 characters (NF_LOG_PREFIXLEN), more than xt_nflog_info's 64.
    else if (opt === 'nflog-prefix') d.prefix = xtString(arg, 128, 1);
    else if (opt === 'nflog-range') {
      // Parsed (a bad value is refused first), warned about, and not kept.
      xtUint('NFLOG', opt, arg);
      ctx.warn?.(
        'warn: --nflog-range has never worked and is no longer supported, please use --nflog-size instead\n',
      );
    } else if (opt === 'nflog-size') d.size = xtUint('NFLOG', opt, arg);
    else d.threshold = xtUint('NFLOG', opt, arg, 0, 0xffff);
  },
  save: (d) => nflogText(d, '--'),
  print: (d) => nflogText(d, ''),
};

/**
 * libxt_NFQUEUE revision 3: --queue-balance FIRST:LAST (either end may be
 * left out: 0 and 65535), the number of queues kept as a u16 count.
 */
function parseBalance(arg: string): { first: number; total: number } {
  const parts = arg.split(':');
  if (parts.length > 2)
    throw paramError('NFQUEUE: Too many components for option "--queue-balance" (max: 2)\n');
  const ends = parts.map((p, k) => {
    if (p === '') return k === 0 ? 0 : 0xffff;
    const n = parseUint(p, 0xffff);
    // xtopt_parse_mint quotes the text from the failing component on.
    if (n === undefined)
      throw paramError(
        `NFQUEUE: bad value for option "--queue-balance" near "${parts.slice(k).join(':')}", or out of range (0-65535).\n`,
      );
    return n;
  });
  if (ends.length !== 2) throw paramError(`Bad range "${arg}"`);
  const [first, last] = ends;
  if (first >= last) throw paramError(`${first} should be less than ${last}`);
  return { first, total: (last - first + 1) & 0xffff };
}

export const NFQUEUE: ExtSpec = {
  name: 'NFQUEUE',
  options: {
    'queue-num': { arg: true },
    'queue-balance': { arg: true },
    'queue-bypass': { arg: false },
    'queue-cpu-fanout': { arg: false },
  },
  xtopts: [
    { name: 'queue-num', excl: ['queue-balance'] },
    { name: 'queue-balance', excl: ['queue-num'] },
    { name: 'queue-bypass' },
    { name: 'queue-cpu-fanout', also: ['queue-balance'] },
  ],
  init: () => ({ num: 0, total: 1 }),
  parse(d, opt, arg) {
    if (opt === 'queue-num') d.num = xtUint('NFQUEUE', opt, arg, 0, 0xffff);
    else if (opt === 'queue-balance') {
      const { first, total } = parseBalance(arg);
      Object.assign(d, { num: first, total, balance: true });
    } else if (opt === 'queue-bypass') d.bypass = true;
    else d.fanout = true;
  },
  save: (d) => nfqueueText(d, '--queue-'),
  print: (d) => ` NFQUEUE${nfqueueText(d, '')}`,
};

/** NFQUEUE_save / NFQUEUE_print_v3: `num N` or `balance FIRST:LAST`, then the flags. */
function nfqueueText(d: Record<string, unknown>, tag: string): string {
  const num = d.num as number;
  const last = num + ((d.total as number) || 0x10000) - 1;
  let s = d.balance ? ` ${tag}balance ${num}:${last}` : ` ${tag}num ${num}`;
  if (d.bypass) s += ` ${tag}bypass`;
  if (d.fanout) s += ` ${tag}cpu-fanout`;
  return s;
}
