import type { Frame } from '../../net/packet.js';
import { BROADCAST_MAC, isMulticastMac } from '../../net/mac.js';
import type { Bridge } from '../link/bridge.js';
import type { Link } from '../link/link.js';
import { deliverToProtocols } from '../link/protocols.js';
import { portState } from './port-state.js';
import { brFlood, brForward, frameBytes, portOf } from './forward.js';
import { brNfPreRouting } from './netfilter-hook.js';

/** br_pass_frame_up: the bridge device receives the frame on its own L3 side. */
function passFrameUp(bridge: Bridge, frame: Frame): void {
  if (!bridge.adminUp) return;
  bridge.stats.rxPackets++;
  bridge.stats.rxBytes += frameBytes(frame);
  deliverToProtocols(bridge, frame);
}

/**
 * br_handle_frame: a frame arrived on a port. The bridge PREROUTING hook
 * (br_netfilter) comes first, in the learning state too.
 */
export function brHandleFrame(bridge: Bridge, ingress: Link, frame: Frame): void {
  const port = portOf(bridge, ingress);
  if (!port) return;
  if (isMulticastMac(frame.src)) return;
  const state = portState(bridge, port);
  if (state !== 'learning' && state !== 'forwarding') return;
  brNfPreRouting(bridge, ingress, frame, (f) => brHandleFrameFinish(bridge, ingress, f));
}

/**
 * br_handle_frame_finish: learn the source, then deliver locally, forward
 * to the known port or flood.
 */
function brHandleFrameFinish(bridge: Bridge, ingress: Link, frame: Frame): void {
  const port = portOf(bridge, ingress);
  if (!port) return;
  const state = portState(bridge, port);
  if (state !== 'learning' && state !== 'forwarding') return;
  if (port.learning) bridge.fdb.learn(frame.src, ingress);
  if (state !== 'forwarding') return;
  const tr = bridge.netns.world.trace;
  if (frame.dst === BROADCAST_MAC || isMulticastMac(frame.dst)) {
    tr?.bridge(bridge.netns, bridge, ingress, frame, 'flood');
    brFlood(bridge, frame, ingress);
    passFrameUp(bridge, frame);
    return;
  }
  const entry = bridge.fdb.lookup(frame.dst);
  if (!entry) {
    tr?.bridge(bridge.netns, bridge, ingress, frame, 'flood');
    brFlood(bridge, frame, ingress);
    return;
  }
  if (entry.local) {
    tr?.bridge(bridge.netns, bridge, ingress, frame, 'local', bridge);
    passFrameUp(bridge, frame);
    return;
  }
  const out = portOf(bridge, entry.port);
  tr?.bridge(bridge.netns, bridge, ingress, frame, 'fdb-hit', entry.port);
  if (out) brForward(bridge, out, frame, ingress);
}
