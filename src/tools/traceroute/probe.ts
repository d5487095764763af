import type { IPv4 } from '../../net/ipv4.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { ICMP, EXC_TTL } from '../../kernel/icmp/types.js';
import { nameOf } from '../ping-format.js';

/** One probe (struct probe): a slot per hop and query, in send order. */
export interface Probe {
  sent: boolean;
  /** Virtual ms. */
  sendTime: number;
  recvTime: number | null;
  done: boolean;
  /** The target (or an unreachable error) answered: the trace ends with this hop. */
  final: boolean;
  /** Who answered. */
  res: IPv4 | null;
  /** `!H`, `!X`…, printed after the time. */
  errStr: string;
  /** The method's key for matching answers (UDP port, ICMP seq, TCP source port); 0 when none. */
  seq: number;
  /** Closes what the probe holds (probe_done: its UDP socket, the TCP port holder). */
  release: (() => void) | null;
}

export const newProbe = (): Probe => ({
  sent: false,
  sendTime: 0,
  recvTime: null,
  done: false,
  final: false,
  res: null,
  errStr: '',
  seq: 0,
  release: null,
});

/**
 * What a reply that took no virtual time is reported as (links have no
 * latency). Real replies take a few microseconds; the value also keeps
 * get_timeout's `value > 0` checks true, as they are on Linux.
 */
export const BASE_RTT_MS = 0.05;

/** DEF_WAIT_PREC: +1 ms against precision issues. */
const WAIT_PREC_MS = 1;

export interface Timing {
  readonly waitMs: number;
  readonly hereFactor: number;
  readonly nearFactor: number;
}

const rttOf = (p: Probe): number => (p.recvTime === null ? 0 : p.recvTime - p.sendTime + BASE_RTT_MS);

/**
 * get_timeout: a probe waits HERE times the round trip of an answered probe
 * of its hop, else NEAR times that of an answered later probe, else MAX.
 */
export function probeTimeout(probes: readonly Probe[], idx: number, perHop: number, t: Timing): number {
  if (t.hereFactor) {
    const first = idx - (idx % perHop);
    for (let i = first; i < first + perHop; i++) {
      const p = probes[i];
      if (p.done && rttOf(p) > 0) return Math.min((rttOf(p) + WAIT_PREC_MS) * t.hereFactor, t.waitMs);
    }
  }
  if (t.nearFactor) {
    for (let i = idx + 1; i < probes.length && probes[i].sent; i++) {
      const p = probes[i];
      if (p.done && rttOf(p) > 0) return Math.min((rttOf(p) + WAIT_PREC_MS) * t.nearFactor, t.waitMs);
    }
  }
  return t.waitMs;
}

/**
 * check_expired: an expired probe followed (in its hop, or from the same
 * router) by an ICMP-unreachable final answer takes that answer's place,
 * since the target may have answered only the later of several probes
 * sent at once. (The back-path TTL guess is not modelled: no IP_RECVTTL.)
 */
export function checkExpired(probes: Probe[], idx: number, perHop: number): void {
  const pb = probes[idx];
  if (!pb.done) return;
  let previousFinal = false;
  for (let i = idx - (idx % perHop); i < idx; i++) {
    if (!probes[i].done || !probes[i].final) return;
    previousFinal = true;
  }
  let fi = -1;
  for (let i = idx + 1; i < probes.length && probes[i].sent; i++) {
    if (!probes[i].done) continue;
    if (!probes[i].final) return;
    fi = i;
    break;
  }
  if (fi < 0) return;
  const fp = probes[fi];
  if (!fp.errStr) return;
  const sameHop = (idx % perHop) + (fi - idx) < perHop;
  const sameRouter = probes.slice(0, idx).some((p) => p.res !== null && p.res === fp.res);
  if (!previousFinal && !sameHop && !sameRouter) return;
  probes[idx] = { ...fp };
  // The slot it came from is empty but counts as sent, so it is not sent again.
  probes[fi] = { ...newProbe(), sent: true, sendTime: 0 };
}

/** parse_icmp_res: the annotation an ICMP error gives, and whether it ends the trace. */
export function icmpResult(type: number, code: number, info: number): { errStr: string; final: boolean } {
  if (type === ICMP.TIME_EXCEEDED && code === EXC_TTL) return { errStr: '', final: false };
  if (type !== ICMP.DEST_UNREACH) return { errStr: `!<${type}-${code}>`, final: true };
  switch (code) {
    case 0:
    case 6:
    case 8:
    case 11:
      return { errStr: '!N', final: true };
    case 1:
    case 7:
    case 12:
      return { errStr: '!H', final: true };
    case 9:
    case 10:
    case 13:
      return { errStr: '!X', final: true };
    case 3:
      // The target is reached.
      return { errStr: '', final: true };
    case 2:
      return { errStr: '!P', final: true };
    case 4:
      return { errStr: `!F-${info}`, final: true };
    case 5:
      return { errStr: '!S', final: true };
    case 14:
      return { errStr: '!V', final: true };
    case 15:
      return { errStr: '!C', final: true };
    default:
      return { errStr: `!<${code}>`, final: true };
  }
}

/** print_probe: the hop number before a hop's first probe, then the answer (its address when it changed), time and annotation. */
export function formatProbe(probes: readonly Probe[], idx: number, perHop: number, numeric: boolean): string {
  const pb = probes[idx];
  let np = idx % perHop;
  let out = np === 0 ? `\n${String(Math.floor(idx / perHop) + 1).padStart(2)} ` : '';
  if (pb.res === null) out += ' *';
  else {
    let print = np === 0;
    if (np) {
      let p = idx - 1;
      for (; np && probes[p].res === null; p--, np--);
      if (!np || probes[p].res !== pb.res) print = true;
    }
    if (print) out += ` ${numeric ? formatIPv4(pb.res) : nameOf(pb.res, true)}`;
  }
  if (pb.recvTime !== null) out += `  ${rttOf(pb).toFixed(3)} ms`;
  if (pb.errStr) out += ` ${pb.errStr}`;
  return out;
}
