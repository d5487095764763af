import type { ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { formatIPv4, parseIPv4 } from '../../../net/ipv4.js';
import { strtoui } from './util.js';
import { parseHost } from './recent.js';

const BAD_MASK = 'NETMAP: bad value for option "--to", neither a valid network mask nor valid CIDR (0-32).\n';

/** The prefix length of a contiguous mask, -1 for any other. */
function maskBits(mask: number): number {
  const inv = ~mask >>> 0;
  return (inv & (inv + 1)) === 0 ? 32 - Math.log2(inv + 1) : -1;
}

/**
 * XTTYPE_HOSTMASK as libxt_NETMAP takes it: a host (inet_aton forms) and
 * a prefix length (strtoul, any 32-bit value) or a dotted mask. Measured:
 * a prefix over 32 or a non-contiguous mask keeps the address whole, as /32.
 */
function parseHostMask(arg: string): { addr: number; plen: number; mask: number } {
  const slash = arg.indexOf('/');
  const addr = parseHost(slash < 0 ? arg : arg.slice(0, slash));
  if (slash < 0) return { addr, plen: 32, mask: 0xffffffff };
  const text = arg.slice(slash + 1);
  let plen: number;
  if (text.includes('.')) {
    const mask = parseIPv4(text);
    if (mask === null) throw paramError(BAD_MASK);
    plen = maskBits(mask);
  } else {
    const n = strtoui(text, 0, 0xffffffff);
    if (n === undefined) throw paramError(BAD_MASK);
    plen = n;
  }
  if (plen < 0 || plen > 32) plen = 32;
  const mask = plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0;
  return { addr: (addr & mask) >>> 0, plen, mask };
}

/** libxt_NETMAP: --to NETWORK[/MASK], kept as the network and its prefix length. */
export const NETMAP: ExtSpec = {
  name: 'NETMAP',
  options: { to: { arg: true } },
  xtopts: [{ name: 'to', mandatory: true }],
  parse(d, _opt, arg) {
    Object.assign(d, parseHostMask(arg));
  },
  save: (d) => ` --to ${formatIPv4(d.addr as number)}/${d.plen as number}`,
  print: (d) => ` to:${formatIPv4(d.addr as number)}/${d.plen as number}`,
};
