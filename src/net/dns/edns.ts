import type { DnsMessage, EdnsOption, ResourceRecord } from './message.js';
import { RRTYPE } from './types.js';

/** EDNS(0) (RFC 6891) as the OPT pseudo-record of the additional section carries it. */
export interface Edns {
  readonly udpSize: number;
  readonly extendedRcode: number;
  readonly version: number;
  /** The DO bit (DNSSEC OK). */
  readonly dnssecOk: boolean;
  readonly options: readonly EdnsOption[];
}

export function optRecord(edns: Edns): ResourceRecord {
  return {
    name: '',
    type: RRTYPE.OPT,
    class: edns.udpSize,
    ttl: ((edns.extendedRcode << 24) | (edns.version << 16) | (edns.dnssecOk ? 0x8000 : 0)) >>> 0,
    data: { kind: 'opt', options: edns.options },
  };
}

/** The message's EDNS, or null when it has no OPT record. */
export function ednsOf(msg: DnsMessage): Edns | null {
  const opt = msg.additional.find((rr) => rr.type === RRTYPE.OPT);
  if (!opt) return null;
  return {
    udpSize: opt.class,
    extendedRcode: opt.ttl >>> 24,
    version: (opt.ttl >>> 16) & 255,
    dnssecOk: (opt.ttl & 0x8000) !== 0,
    options: opt.data.kind === 'opt' ? opt.data.options : [],
  };
}
