/**
 * A counter every change an input route depends on moves: routes, policy
 * rules, addresses, device state and sysctls, in any namespace. Caches of
 * routing decisions (ipv4/route-cache.ts) hold while it stays the same, as
 * the kernel's dst cache is invalidated by rt_genid_bump_ipv4 on each
 * such change. One counter for the whole process: changes are rare next
 * to packets, and a cache it drops only costs a lookup.
 */
let generation = 0;

/** The current routing generation. */
export const routeGeneration = (): number => generation;

/** rt_cache_flush: something routing reads has changed. */
export function routesChanged(): void {
  generation++;
}
