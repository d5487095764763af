import { World } from '../../kernel/world.js';
import type { Netns } from '../../kernel/netns.js';
import { Link } from '../../kernel/link/link.js';
import type { IfAddr, Scope } from '../../kernel/addr.js';
import { ZERO_MAC } from '../../net/mac.js';
import { parsePrefix } from '../../net/ipv4.js';
import type { IpContext, IpObjectHandler, IpOptions } from './context.js';
import type { Proc } from '../process.js';

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
 * `ip link`/`ip addr` so the route tools can be tested on their own.
 */
export class RouteLab {
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

  /** Runs an `ip OBJECT` handler; returns what it printed and its status. */
  async run(
    handler: IpObjectHandler,
    args: string,
    options: Partial<IpOptions> = {},
  ): Promise<{ out: string; err: string; status: number }> {
    let out = '';
    let err = '';
    const proc = {
      world: this.world,
      netns: this.ns,
      argv: [],
      stdout: { write: (t: string) => void (out += t) },
      stderr: { write: (t: string) => void (err += t) },
    } as unknown as Proc;
    const ctx: IpContext = {
      proc,
      netns: this.ns,
      options: {
        family: null,
        brief: false,
        details: 0,
        stats: 0,
        oneline: false,
        json: false,
        pretty: false,
        numeric: false,
        color: false,
        ...options,
      },
    };
    const status = await handler(
      ctx,
      args.split(' ').filter((w) => w !== ''),
    );
    return { out, err, status };
  }
}
