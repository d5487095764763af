import type { Ipv4Packet } from '../../../net/packet.js';
import { emitIpv4 } from '../../../net/emit.js';
import type { MatchImpl } from '../context.js';
import type { XtModule } from '../types.js';
import type { NfErrno } from '../errors.js';

/** The textsearch algorithms built in (lib/ts_*.c); fsm wants a token program, not text. */
const ALGOS = new Set(['bm', 'kmp']);

/** string_mt_check: the errno textsearch_prepare or the range check gives, or null. */
export function stringCheck(m: XtModule): NfErrno | null {
  const d = m.data;
  if ((d.from as number) > (d.to as number)) return 'EINVAL';
  if ((d.pattern as readonly number[]).length === 0) return 'EINVAL';
  if (d.algo === 'fsm') return 'EINVAL';
  return ALGOS.has(d.algo as string) ? null : 'ENOENT';
}

const upper = (c: number) => (c >= 0x61 && c <= 0x7a ? c - 0x20 : c);

/**
 * skb_find_text over [from, to) of the datagram (from the IP header on):
 * the pattern must lie wholly inside the window. Both algorithms find the
 * first occurrence of contiguous data, so one search stands for both.
 */
export function findText(
  bytes: Uint8Array,
  pattern: readonly number[],
  from: number,
  to: number,
  icase: boolean,
): number {
  const end = Math.min(to, bytes.length);
  const norm = icase ? upper : (c: number) => c;
  const pat = pattern.map(norm);
  outer: for (let i = from; i + pat.length <= end; i++) {
    for (let j = 0; j < pat.length; j++) if (norm(bytes[i + j]) !== pat[j]) continue outer;
    return i - from;
  }
  return -1;
}

/** The datagram bytes, emitted once per packet value however many string rules look. */
const emitted = new WeakMap<Ipv4Packet, Uint8Array>();
function bytesOf(p: Ipv4Packet): Uint8Array {
  let b = emitted.get(p);
  if (!b) emitted.set(p, (b = emitIpv4(p)));
  return b;
}

/** string_mt. */
export const string: MatchImpl = {
  match(packet, _ctx, m) {
    const d = m.data;
    const found = findText(
      bytesOf(packet),
      d.pattern as readonly number[],
      d.from as number,
      d.to as number,
      Boolean(d.icase),
    );
    return found >= 0 !== Boolean(d.inv);
  },
};
