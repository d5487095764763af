import type { Link } from './link.js';
import type { Bridge } from './bridge.js';
import type { Veth } from './veth.js';

/** RFC 2863 operational state as IFLA_OPERSTATE reports it. */
export type OperState = 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN';

/**
 * The operstate `ip link` shows. A device that never had a carrier event
 * (lo, dummy, a bridge that never had ports) stays UNKNOWN; otherwise
 * linkwatch's default_operstate applies, including its quirk of looking the
 * veth peer's ifindex up in the device's *own* namespace.
 */
export function operState(link: Link): OperState {
  if (!link.adminUp) return 'DOWN';
  if (link.kind === 'loopback' || link.kind === 'dummy') return 'UNKNOWN';
  if (link.kind === 'bridge') {
    const br = link as Bridge;
    if (!br.carrierEvented) return 'UNKNOWN';
    return br.carrierOn ? 'UP' : 'DOWN';
  }
  if (link.carrier) return 'UP';
  const iflink = link.kind === 'veth' ? (link as Veth).peer.ifindex : link.ifindex;
  if (iflink === link.ifindex) return 'DOWN';
  const lower = link.netns.links.get(iflink);
  if (!lower) return 'DOWN';
  return lower.carrier ? 'DOWN' : 'LOWERLAYERDOWN';
}

/** IFF_RUNNING: up with operstate UP or UNKNOWN (netif_oper_up). */
export function isRunning(link: Link): boolean {
  const s = operState(link);
  return link.adminUp && (s === 'UP' || s === 'UNKNOWN');
}

/** IFF_LOWER_UP: up with carrier. */
export const isLowerUp = (link: Link): boolean => link.adminUp && link.carrier;
