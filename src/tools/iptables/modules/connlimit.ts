import type { ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { maskOf } from '../../../net/ipv4.js';
import { strtoui, xtUint } from './util.js';
import { inetAton } from '../../ping.js';

/** The prefix length of a contiguous mask, else -1. */
function maskLen(mask: number): number {
  for (let len = 0; len <= 32; len++) if (maskOf(len) >>> 0 === mask >>> 0) return len;
  return -1;
}

/**
 * XTTYPE_PLENMASK as iptables-nft 1.8.9 reads it (measured): a prefix
 * length 0-32, else any inet_aton address taken as a mask; one that is
 * not contiguous (`255.0.255.0`, `128` read as 0.0.0.128) ends up as /32.
 */
function parseMask(arg: string): number {
  const len = strtoui(arg, 0, 32);
  if (len !== undefined) return len;
  const addr = inetAton(arg);
  if (addr === null)
    throw paramError(
      'connlimit: bad value for option "--connlimit-mask", neither a valid network mask nor valid CIDR (0-32).\n',
    );
  const n = maskLen(addr);
  return n < 0 ? 32 : n;
}

/**
 * libxt_connlimit (revision 1): `--connlimit-upto n` or `--connlimit-above
 * n` (`!` turns one into the other), `--connlimit-mask`, and grouping by
 * `--connlimit-saddr` (the default) or `--connlimit-daddr`.
 */
export const connlimit: ExtSpec = {
  name: 'connlimit',
  options: {
    'connlimit-upto': { arg: true },
    'connlimit-above': { arg: true },
    'connlimit-mask': { arg: true },
    'connlimit-saddr': { arg: false },
    'connlimit-daddr': { arg: false },
  },
  xtopts: [
    { name: 'connlimit-upto', invert: true, excl: ['connlimit-above'] },
    { name: 'connlimit-above', invert: true, excl: ['connlimit-upto'] },
    { name: 'connlimit-mask' },
    { name: 'connlimit-saddr', excl: ['connlimit-daddr'] },
    { name: 'connlimit-daddr', excl: ['connlimit-saddr'] },
  ],
  init: () => ({ mask: 32, daddr: false }),
  parse(d, opt, arg, invert) {
    if (opt === 'connlimit-upto' || opt === 'connlimit-above') {
      d.limit = xtUint('connlimit', opt, arg);
      d.upto = (opt === 'connlimit-upto') !== invert;
    } else if (opt === 'connlimit-mask') {
      d.mask = parseMask(arg);
      d.maskGiven = true;
    } else d.daddr = opt === 'connlimit-daddr';
  },
  final(d) {
    if (d.limit === undefined)
      throw paramError('You must specify "--connlimit-above" or "--connlimit-upto".');
  },
  // connlimit_init fills the whole v6_mask union with ones; an IPv4
  // --connlimit-mask writes a 4-byte mask and zeroes the rest, so even
  // `--connlimit-mask 32` is another rule to -C/-D than the default (measured).
  compareKey: (d) => connlimit.save(d) + (d.maskGiven ? ' mask-given' : ''),
  save: (d) =>
    ` --connlimit-${d.upto ? 'upto' : 'above'} ${d.limit as number} --connlimit-mask ${d.mask as number} --connlimit-${d.daddr ? 'daddr' : 'saddr'}`,
  print: (d) =>
    ` #conn ${d.daddr ? 'dst' : 'src'}/${d.mask as number} ${d.upto ? '<=' : '>'} ${d.limit as number}`,
};
