import type { MatchImpl } from '../context.js';
import type { CounterOp } from '../../ipset/types.js';
import type { Dir } from '../../ipset/kadt.js';
import { ipsetTestPacket } from '../../ipset/kadt.js';

/** A set and the directions of its dimensions (struct xt_set_info). */
export interface SetRef {
  readonly name: string;
  readonly dirs: readonly Dir[];
}

/** A --packets-XX / --bytes-XX condition. */
export interface CounterCond {
  readonly op: CounterOp;
  readonly value: bigint;
}

const NONE: CounterCond = { op: 'none', value: 0n };

/**
 * set_match_v4 (net/netfilter/xt_set.c): the packet's element looked up
 * in the set, counters checked and bumped there, `!` inverting the result.
 */
export const set: MatchImpl = {
  match(packet, ctx, m) {
    const d = m.data;
    const ref = d.set as SetRef;
    const packets = (d.packets as CounterCond | undefined) ?? NONE;
    const bytes = (d.bytes as CounterCond | undefined) ?? NONE;
    const hit = ipsetTestPacket(ctx.netns, ref.name, packet, {
      dirs: ref.dirs,
      returnNomatch: Boolean(d.returnNomatch),
      skipSubcounterUpdate: Boolean(d.noUpdateSubcounters),
      mext: {
        packets: packets.value,
        packetsOp: packets.op,
        bytes: bytes.value,
        bytesOp: bytes.op,
        skipCounterUpdate: Boolean(d.noUpdateCounters),
      },
    });
    return hit !== Boolean(d.inv);
  },
};
