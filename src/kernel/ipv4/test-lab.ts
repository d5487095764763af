/**
 * Hand-built worlds for the IPv4/ICMP unit tests: a tiny FIB (connected,
 * static and typed routes, longest prefix first), sysctls in a map with the
 * kernel defaults this stack reads, and point-to-point wires instead of veth
 * and ARP (an unanswered nexthop fails after 3 s, as ARP does). Test-only.
 */
import { World } from '../world.js';
import type { Netns } from '../netns.js';
import { Link } from '../link/link.js';
import { netifReceive } from '../link/rx.js';
import type { Frame, Ipv4Packet } from '../../net/packet.js';
import type { IPv4 } from '../../net/ipv4.js';
import {
  formatPrefix,
  parseIPv4,
  parsePrefix,
  prefixContains,
  broadcastOf,
  networkOf,
} from '../../net/ipv4.js';
import type { FibLookup, FibResult, Flow, RouteType } from '../route/fib.js';
import type { IfAddr } from '../addr.js';
import { NUD } from '../neigh/nud.js';
import { CONF_DEFAULTS, type Ipv4ConfKey } from './conf.js';
import { routesChanged } from '../route/generation.js';

export const ip = (text: string): IPv4 => parseIPv4(text) ?? fail(text);
const fail = (text: string): never => {
  throw new Error(`bad address ${text}`);
};

const INT_DEFAULTS: Record<string, number> = {
  'net.ipv4.icmp_echo_ignore_all': 0,
  'net.ipv4.icmp_echo_ignore_broadcasts': 1,
  'net.ipv4.icmp_errors_use_inbound_ifaddr': 0,
  'net.ipv4.icmp_ratelimit': 1000,
  'net.ipv4.icmp_ratemask': 6168,
  'net.ipv4.icmp_msgs_per_sec': 1000,
  'net.ipv4.icmp_msgs_burst': 50,
  'net.ipv4.ip_forward': 0,
};

/** A device on a shared segment: what one sends, the others addressed receive at once. */
export class Wire extends Link {
  readonly kind = 'veth' as const;
  peers: Wire[] = [];
  get carrier(): boolean {
    return this.peers.some((p) => p.adminUp);
  }
  xmit(frame: Frame): void {
    if (!this.operUp) return;
    for (const peer of this.peers) {
      if (frame.dst !== peer.mac && frame.dst !== 'ff:ff:ff:ff:ff:ff') continue;
      this.netns.world.clock.schedule(0, () => peer.operUp && netifReceive(peer, frame));
    }
  }
  /** The device on this segment that owns `addr`, as ARP would find it. */
  owner(addr: IPv4): Wire | undefined {
    return this.peers.find((p) => p.operUp && p.netns.addrs.some((a) => a.link === p && a.local === addr));
  }
}

interface Route {
  prefix: { addr: IPv4; len: number };
  type: RouteType;
  dev: Link | null;
  gateway: IPv4 | null;
}

export class Host {
  readonly routes: Route[] = [];
  readonly ints = new Map<string, number>();
  readonly confs = new Map<string, number>();

  constructor(readonly ns: Netns) {
    ns.sysctl.get = (key) => (key.startsWith('net.ipv4.') ? '0' : undefined);
    ns.sysctl.int = (key) => this.ints.get(key) ?? INT_DEFAULTS[key] ?? 0;
    ns.sysctl.ipv4Conf = (link, key) => {
      const all = this.confs.get(`all.${key}`) ?? CONF_DEFAULTS[key as Ipv4ConfKey] ?? 0;
      const dev = this.confs.get(`${link.name}.${key}`) ?? CONF_DEFAULTS[key as Ipv4ConfKey] ?? 0;
      if (key === 'forwarding')
        return this.confs.get(`${link.name}.${key}`) ?? this.ints.get('net.ipv4.ip_forward') ?? 0;
      if (key === 'rp_filter') return Math.max(all, dev);
      if (
        ['shared_media', 'send_redirects', 'accept_local', 'route_localnet', 'accept_redirects'].includes(key)
      )
        return all || dev ? 1 : 0;
      return all && dev ? 1 : 0;
    };
    ns.fib.lookup = (flow) => this.lookup(flow);
    ns.neigh.output = (link, nexthop, packet) => this.neighOutput(link, nexthop, packet);
    // Every answering neighbour counts as REACHABLE (what redirect acceptance asks).
    ns.neigh.lookup = (link, key) =>
      link instanceof Wire && link.owner(key)
        ? ({ link, key, state: NUD.REACHABLE } as unknown as ReturnType<Netns['neigh']['lookup']>)
        : undefined;
    const lo = ns.linkByName('lo')!;
    lo.adminUp = true;
    this.addAddr(lo, '127.0.0.1/8');
  }

  // The lab writes its tables itself: each change invalidates cached routes as the kernel's writers do.
  set(key: string, value: number): this {
    routesChanged();
    if (key.startsWith('net.ipv4.conf.')) this.confs.set(key.slice('net.ipv4.conf.'.length), value);
    else this.ints.set(key, value);
    return this;
  }

  addAddr(link: Link, cidr: string): void {
    routesChanged();
    const p = parsePrefix(cidr)!;
    const addr: IfAddr = {
      link,
      local: p.addr,
      prefixLen: p.len,
      address: p.addr,
      broadcast: p.len < 31 ? broadcastOf(p.addr, p.len) : null,
      scope: link.kind === 'loopback' ? 'host' : 'global',
      label: link.name,
      secondary: false,
      noPrefixRoute: false,
      validLft: 'forever',
      preferredLft: 'forever',
    };
    this.ns.addrs.push(addr);
    if (link.kind !== 'loopback')
      this.route(formatPrefix({ addr: networkOf(p.addr, p.len), len: p.len }), { dev: link });
  }

  route(prefix: string, opts: { dev?: Link; via?: string; type?: RouteType }): void {
    routesChanged();
    const p = parsePrefix(prefix === 'default' ? '0.0.0.0/0' : prefix)!;
    const gateway = opts.via ? ip(opts.via) : null;
    let dev = opts.dev ?? null;
    if (!dev && gateway !== null)
      dev = this.routes.find((r) => r.type === 'unicast' && prefixContains(r.prefix, gateway))?.dev ?? null;
    this.routes.push({ prefix: p, type: opts.type ?? 'unicast', dev, gateway });
    this.routes.sort((a, b) => b.prefix.len - a.prefix.len);
  }

  private lookup(flow: Flow): FibLookup {
    const lo = this.ns.linkByName('lo')!;
    for (const a of this.ns.addrs) {
      if (
        a.local === flow.dst ||
        (a.link.kind === 'loopback' && prefixContains({ addr: a.local, len: a.prefixLen }, flow.dst))
      ) {
        return this.ok('local', a.link.kind === 'loopback' ? lo : a.link, null, flow.dst);
      }
      if (a.broadcast === flow.dst || flow.dst === 0xffffffff)
        return this.ok('broadcast', a.link, null, a.local);
    }
    for (const r of this.routes) {
      if (!prefixContains(r.prefix, flow.dst)) continue;
      if (r.dev && !r.dev.operUp) continue;
      if (flow.oif && r.dev !== flow.oif) continue;
      if (r.type === 'unreachable') return { ok: false, error: 'EHOSTUNREACH' };
      if (r.type === 'prohibit') return { ok: false, error: 'EACCES' };
      if (r.type === 'blackhole') return { ok: false, error: 'EINVAL' };
      const src = this.ns.addrsOf(r.dev!)[0]?.local ?? 0;
      return this.ok('unicast', r.dev, r.gateway, src);
    }
    return { ok: false, error: 'ENETUNREACH' };
  }

  private ok(type: RouteType, dev: Link | null, gateway: IPv4 | null, src: IPv4): FibLookup {
    const result: FibResult = {
      type,
      table: type === 'unicast' ? 254 : 255,
      dev,
      gateway,
      prefsrc: null,
      src,
      scope: 0,
      metric: 0,
    };
    return { ok: true, result };
  }

  /** Stands in for ARP: a nexthop answers if some wired peer owns it. */
  private neighOutput(link: Link, nexthop: IPv4, packet: Ipv4Packet): void {
    const bytes = packet.totalLength + 14;
    const broadcast = nexthop === 0xffffffff || this.ns.addrsOf(link).some((a) => a.broadcast === nexthop);
    if (broadcast)
      return link.xmit({ src: link.mac, dst: 'ff:ff:ff:ff:ff:ff', type: 'ipv4', ip: packet }, bytes);
    const peer = link instanceof Wire ? link.owner(nexthop) : undefined;
    if (!peer) {
      this.ns.world.clock.schedule(3000, () => this.ns.ipv4.neighFailed(packet, link));
      return;
    }
    link.xmit({ src: link.mac, dst: peer.mac, type: 'ipv4', ip: packet }, bytes);
  }
}

export class Lab {
  readonly world = new World({ seed: 7 });
  readonly hosts = new Map<string, Host>();
  private macs = 0;

  host(name: string): Host {
    let h = this.hosts.get(name);
    if (!h) {
      h = new Host(this.world.createNetns(name));
      this.hosts.set(name, h);
    }
    return h;
  }

  /** Two devices wired together, both up. */
  wire(a: string, aDev: string, b: string, bDev: string): [Wire, Wire] {
    const [x, y] = this.segment([a, aDev], [b, bDev]);
    return [x, y];
  }

  /** Devices on one shared segment (a switch), all up. */
  segment(...members: [string, string][]): Wire[] {
    const wires = members.map(([host, dev]) => {
      const ns = this.host(host).ns;
      const w = new Wire(
        ns,
        ns.allocIfindex(),
        dev,
        `02:00:00:00:00:${(++this.macs).toString(16).padStart(2, '0')}`,
      );
      w.adminUp = true;
      ns.links.set(w.ifindex, w);
      return w;
    });
    for (const w of wires) w.peers = wires.filter((o) => o !== w);
    return wires;
  }

  /** The README lab: h1 (192.168.10.2) -- r -- h2 (192.168.20.2), default routes via r. */
  static router(forwarding = true): Lab {
    const lab = new Lab();
    const [h1e, rv1] = lab.wire('h1', 'eth0', 'r', 'veth1');
    const [rv2, h2e] = lab.wire('r', 'veth2', 'h2', 'eth0');
    const h1 = lab.host('h1');
    const r = lab.host('r');
    const h2 = lab.host('h2');
    h1.addAddr(h1e, '192.168.10.2/24');
    r.addAddr(rv1, '192.168.10.1/24');
    r.addAddr(rv2, '192.168.20.1/24');
    h2.addAddr(h2e, '192.168.20.2/24');
    h1.route('default', { via: '192.168.10.1' });
    h2.route('default', { via: '192.168.20.1' });
    if (forwarding) r.set('net.ipv4.ip_forward', 1);
    return lab;
  }
}
