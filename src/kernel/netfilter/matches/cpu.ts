import type { MatchImpl } from '../context.js';

/** The CPU every packet is processed on: the twin runs one (smp_processor_id() is always 0). */
const THIS_CPU = 0;

/** cpu_mt (xt_cpu.c): the CPU handling the packet is the rule's, `!` reversing it. */
export const cpu: MatchImpl = {
  match: (_packet, _ctx, m) => (m.data.cpu === THIS_CPU) !== Boolean(m.data.inv),
};
