import type { World } from '../world.js';
import type { Netns } from '../netns.js';

/** init_net's net.netfilter.nf_log_all_netns, per machine (the sysctl exists only in init_net). */
const logAllNetns = new WeakMap<World, boolean>();

/**
 * Sets init_net's nf_log_all_netns. No emulated namespace can reach it
 * (none of them is init_net), as a lab in `unshare --net` cannot: this is
 * for callers modelling the host, and for tests.
 */
export function setNfLogAllNetns(world: World, on: boolean): void {
  logAllNetns.set(world, on);
}

/**
 * nf_log_syslog's gate: a namespace other than init_net logs only while
 * init_net's nf_log_all_netns is 1 (0 by default), so that containers
 * cannot flood the host's kernel log. Every emulated namespace stands for
 * a non-initial one (the root one is what `unshare --net` gives a lab).
 */
export const nfLogAllowed = (netns: Netns): boolean => logAllNetns.get(netns.world) === true;
