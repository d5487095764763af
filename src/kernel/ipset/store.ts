import type { Netns } from '../netns.js';
import type { TableName } from '../netfilter/types.js';
import type { AdtRequest } from './uadt.js';
import type { CreateOptions } from './set.js';
import { IpSet } from './set.js';
import { ListSet } from './list-set.js';
import { BitmapPort } from './bitmap-port.js';
import { IpsetError, fail } from './errors.js';
import { requestElements } from './uadt.js';
import { jiffies } from '../jiffies.js';

/** ip_set_max: the slots of a namespace's set array. */
const MAX_SETS = 256;
const TABLES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter', 'security'];

/**
 * The rule extensions that hold a set (xt_set): each instance is one
 * reference. They name the set; a referenced set can be neither renamed
 * nor destroyed, and a swap exchanges names with contents, so the name
 * always denotes the set the kernel's index would.
 */
export function ruleSetNames(data: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const k of ['set', 'addSet', 'delSet', 'mapSet']) {
    const v = data[k] as { name: string } | undefined;
    if (v) out.push(v.name);
  }
  return out;
}

/**
 * The ip_set instance of one network namespace (struct ip_set_net): the
 * set array in index order, which is also the order `ipset list` shows.
 */
export class IpsetNet {
  private readonly slots: (IpSet | null)[] = [];

  constructor(private readonly netns: Netns) {}

  private now(): number {
    return jiffies(this.netns.world);
  }

  /** The sets in index order. */
  list(): IpSet[] {
    return this.slots.filter((s): s is IpSet => s !== null);
  }

  /** A dump of every set: list:set ones last (IPSET_DUMP_LAST), so a restore finds their members. */
  dumpOrder(): IpSet[] {
    const sets = this.list();
    return [...sets.filter((s) => s.type !== 'list:set'), ...sets.filter((s) => s.type === 'list:set')];
  }

  find(name: string): IpSet | undefined {
    return this.slots.find((s) => s?.name === name) ?? undefined;
  }

  get(name: string): IpSet {
    return this.find(name) ?? fail('ENOENT');
  }

  /** set->ref: list:set memberships plus rules of any table naming the set. */
  references(set: IpSet): number {
    let n = 0;
    for (const s of this.list())
      if (s.variant instanceof ListSet)
        n += s.variant.allNames(this.now()).filter((m) => m === set.name).length;
    for (const t of TABLES) {
      const table = this.netns.netfilter.current(t);
      if (!table) continue;
      for (const chain of [...table.builtins, ...table.user.values(), ...(table.foreign ?? [])])
        for (const rule of chain.rules) {
          for (const m of rule.matches) if (m.name === 'set') n += count(ruleSetNames(m.data), set.name);
          if (rule.verdict.kind === 'target' && rule.verdict.target.name === 'SET')
            n += count(ruleSetNames(rule.verdict.target.data), set.name);
        }
    }
    return n;
  }

  /** ip_set_create: a clash is EXIST, unless -exist and the same set is asked for again. */
  create(name: string, opts: CreateOptions, exist: boolean): void {
    const initval = opts.initval ?? this.netns.world.rng.u32();
    const set = new IpSet(name, opts.type, opts, initval, this.now());
    const clash = this.find(name);
    if (clash) {
      if (exist && clash.sameAs(set)) return;
      fail('EXIST');
    }
    let i = this.slots.indexOf(null);
    if (i < 0) {
      if (this.slots.length >= MAX_SETS) fail('ERANGE');
      i = this.slots.length;
      this.slots.push(null);
    }
    this.slots[i] = set;
  }

  /** ip_set_destroy: one set, or all of them (none when any is in use). */
  destroy(name: string | null): void {
    const victims = name === null ? this.list() : [this.get(name)];
    for (const s of victims) if (this.references(s) > 0) fail('BUSY');
    for (const s of victims) {
      const i = this.slots.indexOf(s);
      this.slots[i] = null;
      // A destroyed list:set lets go of its members.
      if (s.variant instanceof ListSet) s.variant.flush();
    }
    while (this.slots.length > 0 && this.slots[this.slots.length - 1] === null) this.slots.pop();
  }

  flush(name: string | null): void {
    for (const s of name === null ? this.list() : [this.get(name)]) s.variant.flush();
  }

  /** ip_set_rename: not while referenced, not onto an existing name. */
  rename(from: string, to: string): void {
    const set = this.get(from);
    if (this.references(set) > 0) fail('REFERENCED');
    if (this.find(to)) fail('EXIST_SETNAME2');
    set.name = to;
  }

  /** ip_set_swap: same type required; the sets trade places and names. */
  swap(a: string, b: string): void {
    const from = this.get(a);
    const to = this.find(b) ?? fail('EXIST_SETNAME2');
    if (from.type !== to.type) fail('TYPE_MISMATCH');
    const i = this.slots.indexOf(from);
    const j = this.slots.indexOf(to);
    [from.name, to.name] = [to.name, from.name];
    this.slots[i] = to;
    this.slots[j] = from;
  }

  /** The userspace ext checks of ip_set_get_extensions. */
  private checkExt(set: IpSet, req: AdtRequest): void {
    const ext = req.ext;
    if (ext.timeout !== undefined && set.ext.timeout === null) fail('TIMEOUT');
    if ((ext.packets !== undefined || ext.bytes !== undefined) && !set.ext.counters) fail('COUNTER');
    if (ext.comment !== undefined && !set.ext.comment) fail('COMMENT');
  }

  /** A list:set element must be an existing set that is not itself a list. */
  private checkMember(set: IpSet, req: AdtRequest): void {
    if (!(set.variant instanceof ListSet)) return;
    const member = this.find(req.name ?? '') ?? fail('NAME');
    if (member.variant instanceof ListSet) fail('LOOP');
    if (req.ref && !this.find(req.ref.name)) fail('BEFORE');
  }

  private netmaskOf(set: IpSet): number {
    const h = set.header;
    return h.kind === 'hash' ? (h.netmask ?? 32) : 32;
  }

  /** IPSET_CMD_ADD: each element of the request in turn; the first error stops it (-exist forgives EXIST). */
  add(name: string, req: AdtRequest, exist: boolean): void {
    const set = this.get(name);
    this.checkExt(set, req);
    this.checkMember(set, req);
    const now = this.now();
    if (set.variant instanceof BitmapPort) this.bitmapRange(set.variant, req);
    for (const e of requestElements(set.type, req, false, this.netmaskOf(set))) {
      try {
        if (set.variant instanceof ListSet) set.variant.addRef(e, req.ext, exist, now, req.ref ?? null);
        else set.variant.add(e, req.ext, exist, now, true);
      } catch (err) {
        if (!(exist && err instanceof IpsetError && err.code === 'EXIST')) throw err;
      }
    }
  }

  /** IPSET_CMD_DEL: a missing element is EXIST, forgiven by -exist. */
  del(name: string, req: AdtRequest, exist: boolean): void {
    const set = this.get(name);
    this.checkMember(set, req);
    const now = this.now();
    if (set.variant instanceof BitmapPort) this.bitmapRange(set.variant, req);
    for (const e of requestElements(set.type, req, false, this.netmaskOf(set))) {
      const gone =
        set.variant instanceof ListSet
          ? set.variant.delRef(e, now, req.ref ?? null)
          : set.variant.del(e, now);
      if (!gone && !exist) fail('EXIST');
    }
  }

  /** IPSET_CMD_TEST: true when the element is in the set (a `nomatch` entry is not). */
  test(name: string, req: AdtRequest): boolean {
    const set = this.get(name);
    this.checkMember(set, req);
    const now = this.now();
    if (set.variant instanceof BitmapPort) this.bitmapRange(set.variant, req);
    const [e] = requestElements(set.type, req, true, this.netmaskOf(set));
    if (set.variant instanceof ListSet) return set.variant.testRef(e, now, req.ref ?? null);
    return set.variant.test(e, now, { mext: null, pkt: null }) === 'match';
  }

  private bitmapRange(b: BitmapPort, req: AdtRequest): void {
    const from = req.port ?? 0;
    const to = req.portTo ?? from;
    if (Math.min(from, to) < b.first || Math.max(from, to) > b.last) fail('BITMAP_RANGE');
  }

  /** What a listing shows about a set right now. */
  snapshot(set: IpSet): SetSnapshot {
    const now = this.now();
    return {
      set,
      header: set.header,
      memsize: set.variant.memsize(now),
      references: this.references(set),
      count: set.variant.count(now),
      entries: () => set.variant.entries(now),
      now,
    };
  }
}

/** A listing's view of one set (the header, then the dump on demand). */
export interface SetSnapshot {
  readonly set: IpSet;
  readonly header: IpSet['header'];
  readonly memsize: number;
  readonly references: number;
  readonly count: number;
  readonly entries: () => ReturnType<IpSet['variant']['entries']>;
  /** Jiffies of the listing, for the timeouts left. */
  readonly now: number;
}

const count = (names: string[], name: string) => names.filter((n) => n === name).length;

const nets = new WeakMap<Netns, IpsetNet>();

/** The namespace's ip_set instance (created empty on first use, as the pernet init does). */
export function ipsetNet(netns: Netns): IpsetNet {
  let n = nets.get(netns);
  if (!n) nets.set(netns, (n = new IpsetNet(netns)));
  return n;
}
