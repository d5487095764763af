import type { ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { xtGiven, xtTable, xtUint } from './util.js';

/** An IPv4 MSS leaves room for the 20-byte IP header in a 65535-byte datagram (libxt_TCPMSS .max). */
const MSS_MAX = 65535 - 20;

/** libxt_TCPMSS: --set-mss and --clamp-mss-to-pmtu (no value: the kernel's 0xffff), the later one winning. */
export const TCPMSS: ExtSpec = {
  name: 'TCPMSS',
  options: { 'set-mss': { arg: true }, 'clamp-mss-to-pmtu': { arg: false } },
  xtopts: xtTable(['set-mss', 'clamp-mss-to-pmtu'], []),
  parse(d, opt, arg) {
    if (opt === 'set-mss') d.mss = xtUint('TCPMSS', 'set-mss', arg, 0, MSS_MAX);
    else delete d.mss;
  },
  final(d) {
    if (!xtGiven(d, 'set-mss') && !xtGiven(d, 'clamp-mss-to-pmtu'))
      throw paramError('TCPMSS target: At least one parameter is required');
  },
  save: (d) => (d.mss === undefined ? ' --clamp-mss-to-pmtu' : ` --set-mss ${d.mss as number}`),
  print: (d) => (d.mss === undefined ? ' TCPMSS clamp to PMTU' : ` TCPMSS set ${d.mss as number}`),
};

/** libxt_CHECKSUM: --checksum-fill is its only operation, and required. */
export const CHECKSUM: ExtSpec = {
  name: 'CHECKSUM',
  options: { 'checksum-fill': { arg: false } },
  xtopts: [{ name: 'checksum-fill', mandatory: true }],
  parse(d) {
    d.fill = true;
  },
  save: () => ' --checksum-fill',
  print: () => ' CHECKSUM fill',
};

/** libxt_ECN: set the IP ECN codepoint and the TCP ECE/CWR flags; --ecn-tcp-remove clears both flags. */
export const ECN: ExtSpec = {
  name: 'ECN',
  options: {
    'ecn-tcp-remove': { arg: false },
    'ecn-tcp-cwr': { arg: true },
    'ecn-tcp-ece': { arg: true },
    'ecn-ip-ect': { arg: true },
  },
  xtopts: [
    { name: 'ecn-tcp-remove', excl: ['ecn-tcp-cwr', 'ecn-tcp-ece'] },
    { name: 'ecn-tcp-cwr', excl: ['ecn-tcp-remove'] },
    { name: 'ecn-tcp-ece', excl: ['ecn-tcp-remove'] },
    { name: 'ecn-ip-ect' },
  ],
  parse(d, opt, arg) {
    if (opt === 'ecn-tcp-remove') Object.assign(d, { ece: 0, cwr: 0 });
    else if (opt === 'ecn-tcp-cwr') d.cwr = xtUint('ECN', opt, arg, 0, 1);
    else if (opt === 'ecn-tcp-ece') d.ece = xtUint('ECN', opt, arg, 0, 1);
    else d.ect = xtUint('ECN', opt, arg, 0, 3);
  },
  final(d) {
    if (d.ece === undefined && d.cwr === undefined && d.ect === undefined)
      throw paramError('ECN target: An operation is required');
  },
  save: (d) => ecnText(d, ' --ecn-tcp-remove', ' --ecn-tcp-ece ', ' --ecn-tcp-cwr ', ' --ecn-ip-ect '),
  print: (d) => ` ECN${ecnText(d, ' TCP remove', ' ECE=', ' CWR=', ' ECT codepoint=')}`,
};

/** ECN_print/ECN_save: "remove" only for exactly both TCP flags cleared and nothing else. */
function ecnText(d: Record<string, unknown>, remove: string, ece: string, cwr: string, ect: string): string {
  if (d.ece === 0 && d.cwr === 0 && d.ect === undefined) return remove;
  let s = '';
  if (d.ece !== undefined) s += `${ece}${d.ece as number}`;
  if (d.cwr !== undefined) s += `${cwr}${d.cwr as number}`;
  if (d.ect !== undefined) s += `${ect}${d.ect as number}`;
  return s;
}
