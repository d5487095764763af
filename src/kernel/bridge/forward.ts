import type { Frame } from '../../net/packet.js';
import type { Bridge } from '../link/bridge.js';

/**
 * The bridge device's own transmit (br_dev_xmit): frames its L3 side sends
 * go out through the FDB. Owned by the neighbour/bridge work.
 */
export function bridgeXmit(_bridge: Bridge, _frame: Frame, _bytes: number): void {}
