import type { ExtSpec } from './spec.js';
import { formatIPv4 } from '../../../net/ipv4.js';
import { xtString } from './util.js';
import { parseHost } from './recent.js';

/** libxt_TEE: the gateway the copy is routed to (required), optionally through one device. */
export const TEE: ExtSpec = {
  name: 'TEE',
  options: { gateway: { arg: true }, oif: { arg: true } },
  xtopts: [{ name: 'gateway', mandatory: true }, { name: 'oif' }],
  parse(d, opt, arg) {
    if (opt === 'gateway') d.gateway = parseHost(arg);
    // An interface name: IFNAMSIZ bytes with the NUL.
    else d.oif = xtString(arg, 16);
  },
  save: (d) =>
    ` --gateway ${formatIPv4(d.gateway as number)}${d.oif !== undefined ? ` --oif ${d.oif as string}` : ''}`,
  print: (d) =>
    ` TEE gw:${formatIPv4(d.gateway as number)}${d.oif !== undefined ? ` oif=${d.oif as string}` : ''}`,
};
