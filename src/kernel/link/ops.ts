import type { Netns } from '../netns.js';
import type { Link } from './link.js';
import type { Mac } from '../../net/mac.js';
import { isMulticastMac, randomMac, ZERO_MAC } from '../../net/mac.js';
import { fail } from '../errno.js';
import { failExt } from '../route/error.js';
import { Veth } from './veth.js';
import { Dummy } from './dummy.js';
import { Bridge } from './bridge.js';
import type { BridgePort } from './bridge.js';
import { addAddress, removeAllAddresses, renameLabels } from '../devinet.js';
import { KernelError } from '../errno.js';
import { addrconfLinkChanged } from '../addrconf.js';
import { forgetNetns, peernetIdAlloc } from '../netnsid.js';
import { routesChanged } from '../route/generation.js';

/** IFNAMSIZ - 1. */
export const MAX_IFNAME = 15;

const newMac = (netns: Netns): Mac => randomMac(() => netns.world.rng.byte());

/** dev_alloc_name: the lowest free `prefix%d` in the namespace. */
export function allocName(netns: Netns, pattern: string): string {
  for (let i = 0; ; i++) {
    const name = pattern.replace('%d', String(i));
    if (!netns.linkByName(name)) return name;
  }
}

function checkName(netns: Netns, name: string): void {
  if (netns.linkByName(name)) fail('EEXIST');
}

/** register_netdevice: the device joins the namespace with its sysctl trees. */
function register(link: Link): void {
  link.netns.links.set(link.ifindex, link);
  link.netns.sysctl.linkAdded(link);
}

/** What subsystems hear when a device's state changes (NETDEV_UP/DOWN/CHANGE). */
export function notifyChange(link: Link): void {
  link.netns.fib.linkChanged(link);
  link.netns.neigh.linkChanged(link);
  addrconfLinkChanged(link);
}

export interface VethRequest {
  name: string | null;
  peerName: string | null;
  /** Namespace of the first end (`ip link add NAME netns NS`); default: the caller's. */
  netns: Netns;
  peerNetns: Netns;
}

/**
 * veth_newlink: the peer is registered first (so it gets its ifindex
 * first), then the device; each end's namespace gets an id for the
 * other's when they differ (the RTM_NEWLINK notification carries it).
 */
export function createVeth(req: VethRequest): [Veth, Veth] {
  if (req.peerName !== null) checkName(req.peerNetns, req.peerName);
  if (req.name !== null) checkName(req.netns, req.name);
  if (req.name !== null && req.name === req.peerName && req.netns === req.peerNetns) fail('EEXIST');
  const peerName = req.peerName ?? allocName(req.peerNetns, 'veth%d');
  const peerMac = newMac(req.peerNetns);
  const peer = new Veth(req.peerNetns, req.peerNetns.allocIfindex(), peerName, peerMac);
  // The peer is registered before the device's name is chosen.
  req.peerNetns.links.set(peer.ifindex, peer);
  if (req.name !== null && req.netns.linkByName(req.name)) {
    req.peerNetns.links.delete(peer.ifindex);
    fail('EEXIST');
  }
  const name = req.name ?? allocName(req.netns, 'veth%d');
  const dev = new Veth(req.netns, req.netns.allocIfindex(), name, newMac(req.netns));
  dev.peer = peer;
  peer.peer = dev;
  register(peer);
  register(dev);
  if (dev.netns !== peer.netns) {
    peernetIdAlloc(peer.netns, dev.netns);
    peernetIdAlloc(dev.netns, peer.netns);
  }
  return [dev, peer];
}

export function createDummy(netns: Netns, name: string | null): Dummy {
  if (name !== null) checkName(netns, name);
  const dev = new Dummy(netns, netns.allocIfindex(), name ?? allocName(netns, 'dummy%d'), newMac(netns));
  register(dev);
  return dev;
}

export function createBridge(netns: Netns, name: string | null): Bridge {
  if (name !== null) checkName(netns, name);
  const dev = new Bridge(netns, netns.allocIfindex(), name ?? allocName(netns, 'bridge%d'), newMac(netns));
  register(dev);
  return dev;
}

/** rtnl_dellink: a veth takes its peer with it; a bridge releases its ports. */
export function deleteLink(link: Link): void {
  if (link.kind === 'loopback') fail('EOPNOTSUPP');
  unregister(link);
  if (link instanceof Veth && link.peer.netns.links.get(link.peer.ifindex) === link.peer)
    unregister(link.peer);
}

/** unregister_netdevice: close, drop addresses, leave the bridge, vanish from the namespace. */
function unregister(link: Link): void {
  const netns = link.netns;
  setUp(link, false);
  removeAllAddresses(netns, link);
  if (link.master) setMaster(link, null);
  if (link instanceof Bridge) for (const port of [...link.ports.values()]) setMaster(port.link, null);
  netns.links.delete(link.ifindex);
  netns.fib.linkRemoved(link);
  netns.neigh.linkChanged(link);
  netns.sysctl.linkRemoved(link);
  addrconfLinkChanged(link);
}

/** Every device of a namespace that goes away; veth peers elsewhere go too. */
export function destroyNetns(netns: Netns): void {
  for (const link of netns.linkList().reverse()) {
    if (netns.links.get(link.ifindex) !== link) continue;
    if (link.kind === 'loopback') unregister(link);
    else deleteLink(link);
  }
  const world = netns.world;
  if (netns.name !== null && world.named.get(netns.name) === netns) world.named.delete(netns.name);
  forgetNetns([world.root, ...world.named.values()], netns);
}

/** The devices whose carrier depends on this one's admin state. */
const carrierPartners = (link: Link): Link[] => (link instanceof Veth ? [link, link.peer] : [link]);

/** dev_open / dev_close and the carrier changes they cause. */
export function setUp(link: Link, up: boolean): void {
  if (link.adminUp === up) return;
  link.adminUp = up;
  if (link instanceof Bridge && !up) for (const p of link.ports.values()) flushLearned(link, p.link);
  if (link instanceof Bridge && (link.ports.size > 0 || link.carrierEvented)) {
    if (!up || [...link.ports.values()].some((p) => p.link.operUp)) link.selectPorts();
  }
  for (const l of carrierPartners(link)) {
    notifyChange(l);
    portChanged(l);
  }
  if (up && link.kind === 'loopback') addLoopbackAddress(link);
}

/** inetdev_event(NETDEV_UP) on a loopback: 127.0.0.1/8 scope host, unless already there. */
function addLoopbackAddress(lo: Link): void {
  try {
    addAddress(lo.netns, lo, { local: 0x7f000001, prefixLen: 8, scope: 'host' });
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
  }
}

/** br_port_carrier_check: a port's state change re-runs the bridge's port selection. */
function portChanged(link: Link): void {
  const br = link.master;
  if (!(br instanceof Bridge) || !br.adminUp) return;
  if (!link.operUp) flushLearned(br, link);
  const before = br.carrierOn;
  br.selectPorts();
  if (before !== br.carrierOn) notifyChange(br);
}

/** br_stp_disable_port -> br_fdb_delete_by_port(do_all=0): a disabled port forgets what it learned. */
function flushLearned(br: Bridge, port: Link): void {
  for (const [mac, e] of br.fdb.entries) if (e.port === port && !e.isStatic) br.fdb.entries.delete(mac);
}

export interface MtuLimits {
  readonly min: number;
  readonly max: number;
}

export function mtuLimits(link: Link): MtuLimits {
  if (link.kind === 'loopback') return { min: 0, max: 0x7fffffff };
  if (link.kind === 'dummy') return { min: 0, max: 0x7fffffff };
  return { min: 68, max: 65535 };
}

export function setMtu(link: Link, mtu: number): void {
  const { min, max } = mtuLimits(link);
  if (mtu < min) failExt('EINVAL', 'mtu less than device minimum');
  if (mtu > max) failExt('EINVAL', 'mtu greater than device maximum');
  if (link instanceof Bridge) link.mtuFixed = true;
  applyMtu(link, mtu);
  if (link.master instanceof Bridge) bridgeAutoMtu(link.master);
}

function applyMtu(link: Link, mtu: number): void {
  if (link.mtu === mtu) return;
  link.mtu = mtu;
  link.netns.sysctl.linkMtuChanged(link);
}

/** br_mtu_auto_adjust: the smallest port MTU (1500 without ports) unless the user set one. */
function bridgeAutoMtu(br: Bridge): void {
  if (br.mtuFixed) return;
  const ports = [...br.ports.values()];
  applyMtu(br, ports.length === 0 ? 1500 : Math.min(...ports.map((p) => p.link.mtu)));
}

/** dev_change_name: not while up (EBUSY); the addresses' labels follow. */
export function rename(link: Link, name: string): void {
  if (name === link.name) return;
  if (link.adminUp) fail('EBUSY');
  checkName(link.netns, name);
  const old = link.name;
  link.name = name;
  renameLabels(link.netns, link, old);
  // Policy rules match devices by name (iif/oif).
  routesChanged();
}

export function setMac(link: Link, mac: Mac): void {
  if (link.kind === 'loopback') fail('EOPNOTSUPP');
  if (isMulticastMac(mac) || mac === ZERO_MAC) fail('EADDRNOTAVAIL');
  link.mac = mac;
  if (link instanceof Bridge) {
    link.macFixed = true;
    link.portsVersion++;
    link.selectPorts();
    notifyChange(link);
  }
  if (link.master instanceof Bridge) bridgeRecalcId(link.master);
}

/** br_stp_recalculate_bridge_id: the lowest port MAC, all zeros without ports, unless the user set one. */
function bridgeRecalcId(br: Bridge): void {
  br.portsVersion++;
  if (br.macFixed) return;
  let mac: Mac = ZERO_MAC;
  for (const p of br.ports.values()) if (mac === ZERO_MAC || p.link.mac < mac) mac = p.link.mac;
  br.mac = mac;
}

const newPort = (link: Link): BridgePort => ({
  link,
  hairpin: false,
  learning: true,
  flood: true,
  state: 'disabled',
  cost: link.kind === 'veth' ? 2 : 100,
  priority: 32,
});

/** do_set_master: leave the old master first, then br_add_if. */
export function setMaster(link: Link, master: Link | null): void {
  if (link.master === master) return;
  const old = link.master;
  if (old instanceof Bridge) {
    old.ports.delete(link.ifindex);
    link.master = null;
    bridgeRecalcId(old);
    bridgeAutoMtu(old);
    old.selectPorts();
    notifyChange(old);
  }
  if (master === null) return;
  if (!(master instanceof Bridge)) fail('EOPNOTSUPP');
  if (link === master || link.kind === 'loopback') fail('EINVAL');
  if (link instanceof Bridge) failExt('ELOOP', 'Can not enslave a bridge to a bridge');
  if (link.master !== null) fail('EBUSY');
  master.ports.set(link.ifindex, newPort(link));
  link.master = master;
  bridgeRecalcId(master);
  bridgeAutoMtu(master);
  master.selectPorts();
  notifyChange(master);
}

/**
 * dev_change_net_namespace: the device closes, loses its addresses and
 * port, keeps its ifindex if free in the target, and the old namespace
 * gets an id for the new one (IFLA_NEW_NETNSID).
 */
export function moveToNetns(link: Link, target: Netns): void {
  if (target === link.netns) return;
  if (link.kind === 'loopback' || link.kind === 'bridge') fail('EINVAL');
  if (target.linkByName(link.name)) fail('EEXIST');
  const old = link.netns;
  unregister(link);
  peernetIdAlloc(old, target);
  link.netns = target;
  if (target.links.has(link.ifindex)) link.ifindex = target.allocIfindex();
  register(link);
  if (link instanceof Veth && link.peer.netns !== target) peernetIdAlloc(target, link.peer.netns);
}
