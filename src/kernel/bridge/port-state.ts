import type { Bridge, BridgePort } from '../link/bridge.js';

/**
 * The STP state a port is really in: without STP a port is forwarding as
 * soon as the bridge is up and the port is up with carrier
 * (br_stp_enable_port), and disabled otherwise.
 */
export function portState(bridge: Bridge, port: BridgePort): BridgePort['state'] {
  if (!bridge.adminUp || !port.link.operUp) return 'disabled';
  if (bridge.stpState === 0) return 'forwarding';
  return port.state === 'disabled' ? 'blocking' : port.state;
}
