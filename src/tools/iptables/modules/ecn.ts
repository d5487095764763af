import type { ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { xtTable, xtUint } from './util.js';

/** XT_ECN_OP_MATCH_*: the bits of xt_ecn_info.operation and .invert. */
export const ECN_OP = { IP: 0x01, ECE: 0x10, CWR: 0x20 } as const;

/** libxt_ecn: the ECN codepoint of the IP header, the ECE and CWR bits of TCP's. */
export const ecn: ExtSpec = {
  name: 'ecn',
  options: { 'ecn-tcp-cwr': { arg: false }, 'ecn-tcp-ece': { arg: false }, 'ecn-ip-ect': { arg: true } },
  xtopts: xtTable(['ecn-tcp-cwr', 'ecn-tcp-ece', 'ecn-ip-ect']),
  init: () => ({ op: 0, inv: 0 }),
  parse(d, opt, arg, invert) {
    const bit = opt === 'ecn-tcp-cwr' ? ECN_OP.CWR : opt === 'ecn-tcp-ece' ? ECN_OP.ECE : ECN_OP.IP;
    if (bit === ECN_OP.IP) d.ect = xtUint('ecn', opt, arg, 0, 3);
    d.op = (d.op as number) | bit;
    if (invert) d.inv = (d.inv as number) | bit;
  },
  final(d) {
    if (d.op === 0) throw paramError('ECN match: some option required');
  },
  save(d) {
    const not = (bit: number) => ((d.inv as number) & bit ? ' !' : '');
    const op = d.op as number;
    return (
      (op & ECN_OP.ECE ? `${not(ECN_OP.ECE)} --ecn-tcp-ece` : '') +
      (op & ECN_OP.CWR ? `${not(ECN_OP.CWR)} --ecn-tcp-cwr` : '') +
      (op & ECN_OP.IP ? `${not(ECN_OP.IP)} --ecn-ip-ect ${d.ect as number}` : '')
    );
  },
  print(d) {
    const not = (bit: number) => ((d.inv as number) & bit ? '!' : '');
    const op = d.op as number;
    return (
      ' ECN match' +
      (op & ECN_OP.ECE ? ` ${not(ECN_OP.ECE)}ECE` : '') +
      (op & ECN_OP.CWR ? ` ${not(ECN_OP.CWR)}CWR` : '') +
      (op & ECN_OP.IP ? ` ${not(ECN_OP.IP)}ECT=${d.ect as number}` : '')
    );
  },
};
