import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { ErrnoName } from '../errno.js';
import type { FibResult, Flow } from '../route/fib.js';
import { isLoopback, isMulticast, LIMITED_BROADCAST, prefixContains } from '../../net/ipv4.js';
import { conf } from './conf.js';
import { validateSource } from './validate-source.js';
import type { DropCode } from '../trace/events.js';

/**
 * The outcome of ip_route_input_slow for one received packet:
 * - local: deliver here (RTN_LOCAL or a broadcast);
 * - forward: send on via `res`; `redirect` is IPSKB_DOREDIRECT;
 * - error: martian (EINVAL) or no route (the dst.error ip_error acts on).
 */
export type InputRoute =
  | { readonly kind: 'local'; readonly broadcast: boolean; readonly res: FibResult | null }
  | { readonly kind: 'forward'; readonly res: FibResult; readonly redirect: boolean }
  | { readonly kind: 'error'; readonly error: ErrnoName; readonly martian: boolean; readonly why?: DropCode };

const martian = { kind: 'error', error: 'EINVAL', martian: true, why: 'martian-source' } as const;
const martianDst = { ...martian, why: 'martian-destination' } as const;
const rpFiltered = { ...martian, why: 'rp-filter' } as const;
const noRoute = (error: ErrnoName, why: DropCode = 'no-route'): InputRoute => ({
  kind: 'error',
  error,
  martian: false,
  why,
});
/** fib_validate_source said no: rp_filter when it is on for the device, else a local address as source. */
const badSource = (netns: Netns, dev: Link): InputRoute =>
  conf(netns, dev, 'rp_filter') ? rpFiltered : martian;

export function routeInputSlow(netns: Netns, flow: Flow & { iif: Link }): InputRoute {
  const dev = flow.iif;
  const saddr = flow.src ?? 0;
  const daddr = flow.dst;
  if (daddr === LIMITED_BROADCAST || (saddr === 0 && daddr === 0))
    return broadcastInput(netns, saddr, dev, null);
  if (isMulticast(saddr) || saddr === LIMITED_BROADCAST) return martian;
  if (isMulticast(daddr)) return martianDst;
  if (saddr === 0) return martian;
  if (daddr === 0) return martianDst;
  const localnet = conf(netns, dev, 'route_localnet') !== 0;
  if (isLoopback(daddr)) {
    if (!localnet) return martianDst;
  } else if (isLoopback(saddr)) {
    if (!localnet) return martian;
  }
  const forwarding = conf(netns, dev, 'forwarding') !== 0;
  const lookup = netns.fib.lookup({ dst: daddr, src: saddr, iif: dev, tos: flow.tos, mark: flow.mark });
  if (!lookup.ok) return forwarding ? noRoute(lookup.error) : noRoute('EHOSTUNREACH', 'not-forwarding');
  const res = lookup.result;
  if (res.type === 'broadcast') {
    if (conf(netns, dev, 'bc_forwarding') !== 0) return makeRoute(netns, saddr, dev, res);
    return broadcastInput(netns, saddr, dev, res);
  }
  if (res.type === 'local') {
    if (validateSource(netns, saddr, dev, null) === 'martian') return badSource(netns, dev);
    return { kind: 'local', broadcast: false, res };
  }
  if (!forwarding) return noRoute('EHOSTUNREACH', 'not-forwarding');
  if (res.type !== 'unicast') return martianDst;
  return makeRoute(netns, saddr, dev, res);
}

function broadcastInput(netns: Netns, saddr: number, dev: Link, res: FibResult | null): InputRoute {
  if (saddr !== 0 && validateSource(netns, saddr, dev, null) === 'martian') return badSource(netns, dev);
  return { kind: 'local', broadcast: true, res };
}

/** __mkroute_input: source validation against the output device, and whether to redirect. */
function makeRoute(netns: Netns, saddr: number, dev: Link, res: FibResult): InputRoute {
  const out = res.dev;
  const check = validateSource(netns, saddr, dev, out);
  if (check === 'martian') return badSource(netns, dev);
  let redirect = false;
  if (out === dev && check === 'direct' && conf(netns, out, 'send_redirects') !== 0) {
    redirect = conf(netns, out, 'shared_media') !== 0 || addrOnlink(netns, out, saddr, res.gateway ?? 0);
  }
  return { kind: 'forward', res, redirect };
}

/** inet_addr_onlink: `a` (and `b` when set) fall in a subnet configured on `link`. */
export function addrOnlink(netns: Netns, link: Link, a: number, b: number): boolean {
  return netns
    .addrsOf(link)
    .some(
      (ifa) =>
        prefixContains({ addr: ifa.address, len: ifa.prefixLen }, a) &&
        (b === 0 || prefixContains({ addr: ifa.address, len: ifa.prefixLen }, b)),
    );
}
