import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { InputRoute } from './route-input.js';
import { routeInputSlow } from './route-input.js';
import { routeGeneration } from '../route/generation.js';

interface Cached {
  readonly iif: Link;
  /** Compared too: only the int32 of it keys the list. */
  readonly dst: IPv4;
  readonly src: IPv4;
  readonly tos: number;
  readonly mark: number;
  readonly route: InputRoute;
}

/** Decisions kept per namespace before the cache starts over (bounds its memory). */
const MAX_ENTRIES = 4096;

/**
 * The input half of the kernel's dst cache: ip_route_input_slow's answer
 * for each (iif, dst, src, tos, mark) received, kept while the routing
 * generation (route/generation.ts) stays the same. routeInputSlow reads
 * nothing else (routes, rules, addresses, device conf) and changes
 * nothing, so a kept answer is the one it would give again.
 */
export class InputRouteCache {
  private generation = -1;
  private size = 0;
  /** Decisions by destination (as `dst | 0`). */
  private readonly byDst = new Map<number, Cached[]>();

  lookup(netns: Netns, iif: Link, dst: IPv4, src: IPv4, tos: number, mark: number): InputRoute {
    const generation = routeGeneration();
    if (generation !== this.generation || this.size >= MAX_ENTRIES) {
      this.byDst.clear();
      this.size = 0;
      this.generation = generation;
    }
    // Keyed by the address as an int32 (entries compare the address itself):
    // a small integer hashes inline, where a boxed number (an address above
    // 2^31, or one NAT computed) takes V8's generic path.
    const key = dst | 0;
    let list = this.byDst.get(key);
    if (list !== undefined) {
      for (let k = 0; k < list.length; k++) {
        const c = list[k];
        if (c.dst === dst && c.src === src && c.iif === iif && c.tos === tos && c.mark === mark)
          return c.route;
      }
    } else this.byDst.set(key, (list = []));
    const route = routeInputSlow(netns, { dst, src, iif, tos, mark });
    list.push({ iif, dst, src, tos, mark, route });
    this.size++;
    return route;
  }
}
