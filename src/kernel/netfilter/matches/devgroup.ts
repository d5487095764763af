import type { MatchImpl } from '../context.js';
import type { Hook, XtModule } from '../types.js';

interface GroupTest {
  readonly group: number;
  readonly mask: number;
  readonly inv: boolean;
}

/** One side's test: the device's group equals the rule's under the mask, `!` reversing it. */
const passes = (t: GroupTest | undefined, group: number | undefined): boolean =>
  t === undefined || (((t.group ^ (group ?? 0)) & t.mask) >>> 0 === 0) !== t.inv;

/**
 * devgroup_mt (xt_devgroup.c): --src-group tests the input device's group,
 * --dst-group the output device's (dev->group, `ip link set group`).
 */
export const devgroup: MatchImpl = {
  match(_packet, ctx, m) {
    const d = m.data as { src?: GroupTest; dst?: GroupTest };
    return passes(d.src, ctx.in?.group) && passes(d.dst, ctx.out?.group);
  },
};

const SRC_HOOKS: readonly Hook[] = ['PREROUTING', 'INPUT', 'FORWARD'];
const DST_HOOKS: readonly Hook[] = ['FORWARD', 'OUTPUT', 'POSTROUTING'];

/**
 * devgroup_mt_checkentry: the input device exists only at the first
 * three hooks, the output device only at the last three. A rule of a
 * user chain (no hook here) passes: nf_tables does not ask again when a
 * jump links it to a base chain (measured).
 */
export function devgroupCheck(ext: XtModule, hook: Hook | null): boolean {
  if (hook === null) return true;
  if (ext.data.src !== undefined && !SRC_HOOKS.includes(hook)) return false;
  return ext.data.dst === undefined || DST_HOOKS.includes(hook);
}
