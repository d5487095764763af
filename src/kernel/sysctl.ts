import type { Netns } from './netns.js';
import type { Link } from './link/link.js';
import { fail } from './errno.js';
import { FRESH_NETNS_SYSCTLS } from './sysctl-defaults.js';
import { combineIpv4Conf } from './sysctl-conf.js';
import { parseValue } from './sysctl-value.js';
import { existingTable } from './netfilter/conntrack/table.js';
import { CowEntries } from './sysctl-cow.js';
import { routesChanged } from './route/generation.js';

/** The per-device trees: /proc/sys/net/<prefix>/<device or all/default>/<leaf>. */
const TREES = ['net.ipv4.conf', 'net.ipv4.neigh', 'net.ipv6.conf', 'net.ipv6.neigh'] as const;
type Tree = (typeof TREES)[number];
/** A directory's leaves in one namespace (copied on write: most are never written). */
type Entries = CowEntries;
type FreshEntries = Map<string, string>;

interface Fresh {
  readonly globals: FreshEntries;
  /** tree -> entry (all, default, lo) -> leaf -> value. */
  readonly trees: Map<Tree, Map<string, FreshEntries>>;
}

function parseFresh(): Fresh {
  const globals: FreshEntries = new Map();
  const trees = new Map<Tree, Map<string, FreshEntries>>(TREES.map((t) => [t, new Map()]));
  for (const line of FRESH_NETNS_SYSCTLS.split('\n')) {
    const eq = line.indexOf(' = ');
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 3);
    const tree = TREES.find((t) => key.startsWith(`${t}.`));
    if (!tree) {
      globals.set(key, value);
      continue;
    }
    const [entry, leaf] = key.slice(tree.length + 1).split('.');
    const entries = trees.get(tree)!;
    if (!entries.has(entry)) entries.set(entry, new Map());
    entries.get(entry)!.set(leaf, value);
  }
  return { globals, trees };
}

/**
 * Keys mode 0444 in every namespace but the initial one (all a lab sees):
 * conntrack's global sizes and its live count. Opening them for writing is EACCES.
 */
const READ_ONLY: ReadonlySet<string> = new Set([
  'net.netfilter.nf_conntrack_buckets',
  'net.netfilter.nf_conntrack_count',
  'net.netfilter.nf_conntrack_expect_max',
  'net.netfilter.nf_conntrack_max',
]);

let fresh: Fresh | undefined;
const freshDefaults = (): Fresh => (fresh ??= parseFresh());

/** The loopback's own ipv4 `disable_*` leaves (found once: every namespace's lo looks them up). */
let disables: [string, string][] | undefined;
const loDisables = (f: Fresh): [string, string][] =>
  (disables ??= [...f.trees.get('net.ipv4.conf')!.get('lo')!].filter(([k]) => k.startsWith('disable_')));

/** Where a dotted key points: a plain key, or one leaf of a device tree. */
type Slot =
  | { kind: 'global'; key: string }
  | { kind: 'tree'; tree: Tree; entry: 'all' | 'default' | Link; leaf: string; unit?: number };

/**
 * The neighbour tables' older files for two of their times, each the same
 * value as its `_ms` file in a coarser unit: seconds, and USER_HZ ticks
 * (1/100 s). /proc/sys has them; `sysctl -a` skips them (procps lists them
 * as deprecated), so they are not among `keys()`.
 */
const NEIGH_UNITS: ReadonlyMap<string, { readonly of: string; readonly unit: number }> = new Map([
  ['base_reachable_time', { of: 'base_reachable_time_ms', unit: 1000 }],
  ['retrans_time', { of: 'retrans_time_ms', unit: 10 }],
]);
const isNeighTree = (tree: Tree) => tree === 'net.ipv4.neigh' || tree === 'net.ipv6.neigh';

/** Component-wise strcmp order, as `sysctl -a` walks /proc/sys. */
const compareKeys = (a: string, b: string): number => {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
};

/**
 * The per-namespace `net.*` sysctls (/proc/sys/net): the keys and defaults a
 * fresh namespace has, per-device `conf` and `neigh` trees that appear with
 * their devices (copied from `default`), and the write side effects of
 * devinet (forwarding, default propagation).
 */
export class Sysctl {
  private readonly globals: Entries;
  /** `all` and `default` entries of the trees that have them. */
  private readonly shared = new Map<string, Entries>();
  private readonly devices = new Map<Link, Map<Tree, Entries>>();
  /** Device ipv4 conf leaves written explicitly (devinet's cnf.state bits): `default` no longer overrides them. */
  private readonly explicit = new Map<Link, Set<string>>();
  /**
   * Parsed values the packet path reads several times per packet (ipv4
   * conf, conntrack timeouts), dropped by every write and device change.
   */
  private readonly memo = new Map<string, number>();
  private readonly confMemo = new Map<Link, Map<string, number>>();

  private forget(): void {
    // The ipv4 conf keys decide input routes (forwarding, rp_filter, ...).
    routesChanged();
    this.memo.clear();
    this.confMemo.clear();
  }

  constructor(readonly netns: Netns) {
    const f = freshDefaults();
    this.globals = CowEntries.over(f.globals);
    for (const tree of TREES) {
      for (const entry of ['all', 'default'] as const) {
        const e = f.trees.get(tree)!.get(entry);
        if (e) this.shared.set(`${tree}.${entry}`, CowEntries.over(e));
      }
    }
  }

  /** A new device's trees, copied from `default` as devinet_init/addrconf do. */
  linkAdded(link: Link): void {
    this.forget();
    const f = freshDefaults();
    const isLo = link.kind === 'loopback';
    const v4Default = this.shared.get('net.ipv4.conf.default')!;
    const v4Changes: [string, string][] = [];
    const v6Changes: [string, string][] = [];
    if (isLo) {
      for (const [k, v] of loDisables(f)) if (v4Default.get(k) !== v) v4Changes.push([k, v]);
      for (const k of ['accept_dad', 'use_tempaddr'])
        v6Changes.push([k, f.trees.get('net.ipv6.conf')!.get('lo')!.get(k)!]);
    }
    v6Changes.push(['mtu', String(link.mtu)]);
    const v4 = v4Default.copyWith(v4Changes);
    const v6 = this.shared.get('net.ipv6.conf.default')!.copyWith(v6Changes);
    const trees = new Map<Tree, Entries>([
      ['net.ipv4.conf', v4],
      ['net.ipv4.neigh', CowEntries.over(f.trees.get('net.ipv4.neigh')!.get('lo')!)],
      ['net.ipv6.conf', v6],
      ['net.ipv6.neigh', CowEntries.over(f.trees.get('net.ipv6.neigh')!.get('lo')!)],
    ]);
    this.devices.set(link, trees);
  }

  /** The device left the namespace (deleted or moved): its keys vanish. */
  linkRemoved(link: Link): void {
    this.forget();
    this.devices.delete(link);
    this.explicit.delete(link);
  }

  /** The device's MTU changed: net.ipv6.conf.DEV.mtu follows it. */
  linkMtuChanged(link: Link): void {
    this.forget();
    this.deviceTrees(link)?.get('net.ipv6.conf')?.set('mtu', String(link.mtu));
  }

  private deviceTrees(link: Link): Map<Tree, Entries> | undefined {
    if (this.netns.links.get(link.ifindex) !== link) return undefined;
    if (!this.devices.has(link)) this.linkAdded(link);
    return this.devices.get(link);
  }

  private resolve(key: string): Slot | undefined {
    const tree = TREES.find((t) => key.startsWith(`${t}.`));
    if (!tree) return this.globals.has(key) ? { kind: 'global', key } : undefined;
    const rest = key.slice(tree.length + 1);
    const dot = rest.lastIndexOf('.');
    if (dot < 0) return undefined;
    const name = rest.slice(0, dot);
    const alias = isNeighTree(tree) ? NEIGH_UNITS.get(rest.slice(dot + 1)) : undefined;
    const leaf = alias?.of ?? rest.slice(dot + 1);
    if (alias !== undefined) {
      const slot = this.resolve(`${tree}.${name}.${leaf}`);
      return slot?.kind === 'tree' ? { ...slot, unit: alias.unit } : undefined;
    }
    if (name === 'all' || name === 'default') {
      return this.shared.get(`${tree}.${name}`)?.has(leaf)
        ? { kind: 'tree', tree, entry: name, leaf }
        : undefined;
    }
    const link = this.netns.linkByName(name);
    if (!link || !this.deviceTrees(link)?.get(tree)?.has(leaf)) return undefined;
    return { kind: 'tree', tree, entry: link, leaf };
  }

  private entries(slot: Slot & { kind: 'tree' }): Entries {
    return typeof slot.entry === 'string'
      ? this.shared.get(`${slot.tree}.${slot.entry}`)!
      : this.deviceTrees(slot.entry)!.get(slot.tree)!;
  }

  private read(slot: Slot): string {
    if (slot.kind === 'global') {
      if (slot.key === 'net.ipv4.ip_forward') return this.shared.get('net.ipv4.conf.all')!.get('forwarding')!;
      if (slot.key === 'net.netfilter.nf_conntrack_count')
        return String(existingTable(this.netns)?.count ?? 0);
      return this.globals.get(slot.key)!;
    }
    const text = this.entries(slot).get(slot.leaf)!;
    return slot.unit === undefined ? text : String(Math.trunc(Number(text) / slot.unit));
  }

  /** Whether a dotted path names a directory (`sysctl net.ipv4.conf.all` lists it). */
  isDirectory(key: string): boolean {
    return this.keys().some((k) => k.startsWith(`${key}.`));
  }

  /** Every file under /proc/sys/net, as dotted keys: `keys()` and the neighbour tables' older files. */
  procKeys(): string[] {
    const keys = this.keys();
    for (const k of keys.filter((k) => k.startsWith('net.ipv4.neigh.') || k.startsWith('net.ipv6.neigh.')))
      for (const [alias, { of }] of NEIGH_UNITS)
        if (k.endsWith(`.${of}`)) keys.push(k.slice(0, -of.length) + alias);
    return keys;
  }

  /** Every key, in `sysctl -a` order. */
  keys(): string[] {
    const keys = [...this.globals.keys()];
    for (const [name, entries] of this.shared)
      for (const leaf of entries.keys()) keys.push(`${name}.${leaf}`);
    for (const link of this.netns.linkList()) {
      for (const [tree, entries] of this.deviceTrees(link) ?? []) {
        for (const leaf of entries.keys()) keys.push(`${tree}.${link.name}.${leaf}`);
      }
    }
    return keys.sort(compareKeys);
  }

  /**
   * The effective IPv4 `conf` value for a device, combining `all` and the
   * device's own entry the way the kernel does for that key
   * (IN_DEV_FORWARD, IN_DEV_RPFILTER = max, IN_DEV_ACCEPT_LOCAL = or, ...).
   */
  ipv4Conf(link: Link, key: string): number {
    let memo = this.confMemo.get(link);
    if (!memo) this.confMemo.set(link, (memo = new Map()));
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = this.ipv4ConfNow(link, key)));
    return v;
  }

  private ipv4ConfNow(link: Link, key: string): number {
    const all = this.shared.get('net.ipv4.conf.all')!;
    const dev = this.deviceTrees(link)?.get('net.ipv4.conf') ?? this.shared.get('net.ipv4.conf.default')!;
    const num = (e: Entries, k: string): number => Number.parseInt(e.get(k) ?? '0', 10);
    return combineIpv4Conf(
      key,
      (k) => num(all, k),
      (k) => num(dev, k),
    );
  }

  /** The text value of a key (dotted form, e.g. `net.ipv4.ip_forward`), or undefined if it does not exist. */
  get(key: string): string | undefined {
    const slot = this.resolve(key);
    return slot && this.read(slot);
  }

  /** Whether the key's /proc/sys file has a write permission bit (procps checks this before writing). */
  writable(key: string): boolean {
    return !READ_ONLY.has(key);
  }

  /** Writes a key as `sysctl -w` and `echo > /proc/sys/...` do; throws KernelError (ENOENT, EACCES, EINVAL). */
  set(key: string, value: string): void {
    this.forget();
    const slot = this.resolve(key) ?? fail('ENOENT');
    if (READ_ONLY.has(key)) fail('EACCES');
    const text = parseValue(this.read(slot), value) ?? fail('EINVAL');
    if (slot.kind === 'global') {
      if (slot.key === 'net.ipv4.ip_forward') return this.setForwarding(text);
      if (slot.key === 'net.ipv4.ip_local_port_range') {
        const [lo, hi] = text.split('\t').map(Number);
        if (hi < lo || lo < this.int('net.ipv4.ip_unprivileged_port_start')) fail('EINVAL');
      }
      // brnf_sysctl_call_tables: every net.bridge switch stores any non-zero value as 1.
      this.globals.set(slot.key, slot.key.startsWith('net.bridge.') && Number(text) !== 0 ? '1' : text);
      return;
    }
    if (slot.tree === 'net.ipv4.conf' && slot.leaf === 'forwarding' && slot.entry === 'all')
      return this.setForwarding(text);
    this.entries(slot).set(slot.leaf, slot.unit === undefined ? text : String(Number(text) * slot.unit));
    if (slot.tree !== 'net.ipv4.conf' || slot.leaf === 'forwarding') return;
    if (slot.entry === 'default') this.copyDefault(slot.leaf, text);
    else if (typeof slot.entry !== 'string') {
      // Made on the device's first explicit write: most devices never have one.
      const written = this.explicit.get(slot.entry);
      if (written) written.add(slot.leaf);
      else this.explicit.set(slot.entry, new Set([slot.leaf]));
    }
  }

  /** devinet_copy_dflt_conf: devices that never set the leaf themselves follow `default`. */
  private copyDefault(leaf: string, text: string): void {
    for (const link of this.netns.linkList()) {
      if (this.explicit.get(link)?.has(leaf)) continue;
      this.deviceTrees(link)?.get('net.ipv4.conf')?.set(leaf, text);
    }
  }

  /**
   * inet_forward_change: ip_forward and conf.all.forwarding are one value;
   * changing it sets `default` and every device, and turns off
   * all.accept_redirects while forwarding.
   */
  private setForwarding(text: string): void {
    const all = this.shared.get('net.ipv4.conf.all')!;
    if (all.get('forwarding') === text) return;
    all.set('forwarding', text);
    const on = Number.parseInt(text, 10) !== 0;
    all.set('accept_redirects', on ? '0' : '1');
    this.shared.get('net.ipv4.conf.default')!.set('forwarding', text);
    for (const link of this.netns.linkList())
      this.deviceTrees(link)?.get('net.ipv4.conf')?.set('forwarding', text);
  }

  /** A neighbour parameter for a device, e.g. `ucast_solicit`, `retrans_time_ms` (net.ipv4.neigh.DEV.*). */
  neighParam(link: Link, key: string): number {
    const v = this.deviceTrees(link)?.get('net.ipv4.neigh')?.get(key);
    return v === undefined ? 0 : Number.parseInt(v, 10);
  }

  /** `net.ipv4.ip_forward` and other plain integer keys (the first number of a vector). */
  int(key: string): number {
    let n = this.memo.get(key);
    if (n !== undefined) return n;
    const v = this.get(key);
    n = v === undefined ? 0 : Number.parseInt(v, 10) || 0;
    // Device keys follow renames and nf_conntrack_count changes by itself: only fixed names are kept.
    if (!key.includes('.conf.') && !key.includes('.neigh.') && key !== 'net.netfilter.nf_conntrack_count')
      this.memo.set(key, n);
    return n;
  }
}
