import type { World } from './world.js';
import type { Link } from './link/link.js';
import type { IfAddr } from './addr.js';
import { Sysctl } from './sysctl.js';
import { Fib } from './route/fib.js';
import { NeighTable } from './neigh/table.js';
import { Ipv4Stack } from './ipv4/stack.js';
import { fail } from './errno.js';
import { Netfilter } from './netfilter/store.js';
import { NetnsMib } from './snmp.js';

/**
 * One network namespace (struct net): its devices, addresses, routing,
 * neighbours, the IPv4 stack and its sysctls. Subsystems hang off it and
 * reach each other through it, as they do through `struct net` in Linux.
 */
export class Netns {
  readonly links = new Map<number, Link>();
  /** IPv4 addresses in the order the kernel lists them (per device, primaries first). */
  readonly addrs: IfAddr[] = [];
  readonly sysctl: Sysctl;
  readonly fib: Fib;
  readonly neigh: NeighTable;
  readonly ipv4: Ipv4Stack;
  /** xtables tables (iptables over nf_tables) of this namespace. */
  readonly netfilter = new Netfilter({
    forceAcct: () => this.sysctl.set('net.netfilter.nf_conntrack_acct', '1'),
  });
  private mibs: NetnsMib | undefined;
  /**
   * SNMP and Linux MIB counters (/proc/net/snmp, /proc/net/netstat), made
   * on first use: they take 7 KB, and most of a cluster's 30,000 pod
   * namespaces never count anything.
   */
  get mib(): NetnsMib {
    return (this.mibs ??= new NetnsMib());
  }
  private nextIfindex = 1;

  constructor(
    readonly world: World,
    /** Name under /run/netns, or null for the initial namespace. */
    public name: string | null,
  ) {
    this.sysctl = new Sysctl(this);
    this.fib = new Fib(this);
    this.neigh = new NeighTable(this);
    this.ipv4 = new Ipv4Stack(this);
  }

  /** dev_new_index: ifindexes are allocated per namespace. */
  allocIfindex(): number {
    while (this.links.has(this.nextIfindex)) this.nextIfindex++;
    return this.nextIfindex++;
  }

  linkByName(name: string): Link | undefined {
    for (const link of this.links.values()) if (link.name === name) return link;
    return undefined;
  }

  /** The device or ENODEV, as a netlink request naming it gets. */
  requireLink(name: string): Link {
    return this.linkByName(name) ?? fail('ENODEV');
  }

  /** Links in ifindex order, as `ip link` dumps them. */
  linkList(): Link[] {
    return [...this.links.values()].sort((a, b) => a.ifindex - b.ifindex);
  }

  addrsOf(link: Link): IfAddr[] {
    return this.addrs.filter((a) => a.link === link);
  }
}
