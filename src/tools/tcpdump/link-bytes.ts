import type { CapturedFrame } from '../../kernel/capture/tap.js';
import { emitEthernet, emitL3 } from '../../net/ethernet.js';
import { ARPHRD_ETHER, ARPHRD_LOOPBACK, emitSll2, SLL_PKTTYPE } from '../../net/sll2.js';

/**
 * The bytes libpcap hands over for a captured frame: the Ethernet frame on
 * one device, or the cooked SLL2 header and the L3 packet on `any`.
 */
export function linkBytes(c: CapturedFrame, cooked: boolean): Uint8Array {
  if (!cooked) return emitEthernet(c.frame);
  const l3 = emitL3(c.frame);
  return emitSll2(
    {
      protocol: l3.type,
      ifindex: c.link.ifindex,
      hatype: c.link.kind === 'loopback' ? ARPHRD_LOOPBACK : ARPHRD_ETHER,
      pkttype: SLL_PKTTYPE[c.direction === 'outgoing' ? 'outgoing' : c.direction],
      addr: c.frame.src,
    },
    l3.bytes,
  );
}

/**
 * pcap-linux.c drops outgoing copies on the loopback device: each frame
 * there comes back in as a received one, and is shown only then. The
 * kernel filter has already counted it ("received by filter").
 */
export const libpcapSkips = (c: CapturedFrame): boolean =>
  c.direction === 'outgoing' && c.link.kind === 'loopback';
