import type { ErrnoName } from '../errno.js';
import { ICMP, UNREACH } from './types.js';

/** What an ICMP error means to the socket it concerns: its errno and whether it is fatal. */
export interface IcmpSocketError {
  readonly errno: ErrnoName;
  /** icmp_err_convert[].fatal: a hard error aborts a connection attempt. */
  readonly fatal: boolean;
}

/** icmp_err_convert (net/ipv4/icmp.c), indexed by destination-unreachable code. */
const UNREACH_ERRORS: readonly IcmpSocketError[] = [
  { errno: 'ENETUNREACH', fatal: false },
  { errno: 'EHOSTUNREACH', fatal: false },
  { errno: 'ENOPROTOOPT', fatal: true },
  { errno: 'ECONNREFUSED', fatal: true },
  { errno: 'EMSGSIZE', fatal: false },
  { errno: 'EOPNOTSUPP', fatal: false },
  { errno: 'ENETUNREACH', fatal: true },
  { errno: 'EHOSTDOWN', fatal: true },
  { errno: 'ENONET', fatal: true },
  { errno: 'ENETUNREACH', fatal: true },
  { errno: 'EHOSTUNREACH', fatal: true },
  { errno: 'ENETUNREACH', fatal: false },
  { errno: 'EHOSTUNREACH', fatal: false },
  { errno: 'EHOSTUNREACH', fatal: true },
  { errno: 'EHOSTUNREACH', fatal: true },
  { errno: 'EHOSTUNREACH', fatal: true },
];

/** The error an ICMP type/code reports to a UDP or TCP socket (__udp4_lib_err, tcp_v4_err), or null. */
export function icmpSocketError(type: number, code: number): IcmpSocketError | null {
  if (type === ICMP.DEST_UNREACH) {
    if (code === UNREACH.FRAG_NEEDED) return { errno: 'EMSGSIZE', fatal: true };
    return UNREACH_ERRORS[code] ?? null;
  }
  if (type === ICMP.TIME_EXCEEDED) return { errno: 'EHOSTUNREACH', fatal: false };
  if (type === ICMP.PARAMETERPROB) return { errno: 'EPROTO', fatal: true };
  return null;
}
