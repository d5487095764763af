import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import { conf } from './conf.js';

/**
 * fib_validate_source (net/ipv4/fib_frontend.c): is `src` an acceptable
 * source for a packet to `dst` arriving on `dev`, with the route out via
 * `oif`? 'martian' rejects it (EINVAL for a local source or rp_filter);
 * 'direct' means the source is on-link (RTCF_DIRECTSRC, needed for redirects).
 */
export type SourceCheck = 'ok' | 'direct' | 'martian';

export function validateSource(netns: Netns, src: IPv4, dev: Link, oif: Link | null): SourceCheck {
  const rpf = conf(netns, dev, 'rp_filter');
  const txRedirects = conf(netns, dev, 'send_redirects') !== 0;
  if (rpf === 0 && (dev !== oif || !txRedirects)) {
    if (conf(netns, dev, 'accept_local') !== 0) return 'ok';
    // Our own address arriving from outside: a looped packet or a spoof.
    if (netns.addrs.some((a) => a.local === src)) return 'martian';
    return 'ok';
  }
  return fullCheck(netns, src, dev, rpf);
}

/** __fib_validate_source: the reverse-path lookup. */
function fullCheck(netns: Netns, src: IPv4, dev: Link, rpf: number): SourceCheck {
  const back = netns.fib.lookup({ dst: src });
  if (!back.ok) return rpf ? 'martian' : 'ok';
  const res = back.result;
  if (res.type !== 'unicast' && (res.type !== 'local' || conf(netns, dev, 'accept_local') === 0))
    return 'martian';
  if (res.dev === dev) return res.gateway === null ? 'direct' : 'ok';
  if (netns.addrsOf(dev).length === 0) return rpf ? 'martian' : 'ok';
  if (rpf === 1) return 'martian';
  const viaDev = netns.fib.lookup({ dst: src, oif: dev });
  if (viaDev.ok && viaDev.result.type === 'unicast' && viaDev.result.gateway === null) return 'direct';
  return 'ok';
}
