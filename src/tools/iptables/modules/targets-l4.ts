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
