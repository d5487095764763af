import type { Link } from '../../link/link.js';
import type { MatchImpl } from '../context.js';
import type { Hook, XtModule } from '../types.js';
import { nfBridgeOf } from '../../bridge/nf-bridge-info.js';

/** One physdev option as the iptables parser stores it (`value` is empty for the flags). */
interface Opt {
  readonly value: string;
  readonly inv: boolean;
}

/** ifname_compare_aligned with the mask `+` gives: a prefix, else the whole name. */
const nameMatches = (dev: Link, pattern: string) =>
  pattern.endsWith('+') ? dev.name.startsWith(pattern.slice(0, -1)) : dev.name === pattern;

/**
 * physdev_mt (net/netfilter/xt_physdev.c) on the packet's bridge info
 * (br_netfilter's nf_bridge). A packet that was not bridged here matches
 * only when every given option is inverted. A bridged one: is-bridged and
 * is-out ask whether the bridge chose an output port yet (FORWARD and
 * POSTROUTING), is-in whether it came in by one; --physdev-out fails
 * before there is an output port, inverted or not (measured on Linux
 * 6.18: both `--physdev-out X` and `! --physdev-out X` count nothing in
 * PREROUTING and INPUT).
 */
export const physdev: MatchImpl = {
  match(packet, ctx, m) {
    const opt = (name: string) => m.data[name] as Opt | undefined;
    const info = nfBridgeOf(packet, ctx.netns);
    if (!info) return Object.values(m.data).every((o) => (o as Opt).inv);
    const outdev = info.physOut;
    const bridged = opt('physdev-is-bridged');
    if (bridged && (outdev !== null) === bridged.inv) return false;
    // A bridged packet always came in by a port (the port's ifindex is looked up again; it is never gone here).
    if (opt('physdev-is-in')?.inv) return false;
    const isOut = opt('physdev-is-out');
    if (isOut && (outdev !== null) === isOut.inv) return false;
    const inName = opt('physdev-in');
    if (inName && nameMatches(info.physIn, inName.value) === inName.inv) return false;
    const outName = opt('physdev-out');
    if (!outName) return true;
    if (outdev === null) return false;
    return nameMatches(outdev, outName.value) !== outName.inv;
  },
};

/**
 * physdev_mt_check: --physdev-out and --physdev-is-out in a rule of the
 * OUTPUT chain itself, unless --physdev-is-bridged is asked (not inverted),
 * are EINVAL: locally generated packets never have a bridge port yet. A
 * rule in a user chain has no hook yet under nft_compat (`hook` null) and
 * passes, even when OUTPUT jumps to it.
 */
export function physdevCheck(m: XtModule, hook: Hook | null): boolean {
  if (hook !== 'OUTPUT') return true;
  const d = m.data as Readonly<Record<string, Opt | undefined>>;
  const out = d['physdev-out'] !== undefined || d['physdev-is-out'] !== undefined;
  const bridged = d['physdev-is-bridged'];
  return !out || (bridged !== undefined && !bridged.inv);
}
