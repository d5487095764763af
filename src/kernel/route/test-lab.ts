import { World } from '../world.js';
import type { Netns } from '../netns.js';
import { Link } from '../link/link.js';
import type { IfAddr, Scope } from '../addr.js';
import { ZERO_MAC } from '../../net/mac.js';
import { parsePrefix } from '../../net/ipv4.js';

/** A device whose carrier the test sets (a veth whose peer is up or down). */
export class TestLink extends Link {
  readonly kind = 'dummy' as const;
  hasCarrier = true;
  get carrier(): boolean {
    return this.hasCarrier;
  }
  xmit(): void {}
}

/**
 * A namespace with hand-made devices and addresses, standing in for
 * `ip link`/`ip addr` so the FIB (and the route tools above it) can be
 * tested on their own. Test-only.
 */
export class FibLab {
  readonly world = new World();
  readonly ns: Netns = this.world.root;

  constructor() {
    const lo = this.ns.linkByName('lo')!;
    this.up(lo);
    this.addr('lo', '127.0.0.1/8', 'host');
  }

  link(name: string, carrier = true): TestLink {
    const link = new TestLink(this.ns, this.ns.allocIfindex(), name, ZERO_MAC);
    link.hasCarrier = carrier;
    this.ns.links.set(link.ifindex, link);
    return link;
  }

  up(link: Link): void {
    link.adminUp = true;
    this.ns.fib.linkChanged(link);
  }

  down(link: Link): void {
    link.adminUp = false;
    this.ns.fib.linkChanged(link);
  }

  addr(dev: string, cidr: string, scope: Scope = 'global', noPrefixRoute = false): IfAddr {
    const link = this.ns.linkByName(dev)!;
    const p = parsePrefix(cidr)!;
    const secondary = this.ns
      .addrsOf(link)
      .some(
        (a) =>
          !a.secondary &&
          a.prefixLen === p.len &&
          a.address >>> (32 - p.len || 32) === p.addr >>> (32 - p.len || 32) &&
          p.len > 0,
      );
    const ifa: IfAddr = {
      link,
      local: p.addr,
      prefixLen: p.len,
      address: p.addr,
      broadcast: null,
      scope,
      label: dev,
      secondary,
      noPrefixRoute,
      validLft: 'forever',
      preferredLft: 'forever',
    };
    this.ns.addrs.push(ifa);
    this.ns.fib.addressAdded(ifa);
    return ifa;
  }

  delAddr(ifa: IfAddr): void {
    this.ns.addrs.splice(this.ns.addrs.indexOf(ifa), 1);
    this.ns.fib.addressRemoved(ifa);
  }
}
