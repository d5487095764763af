/**
 * The proxier state the syncers of a cluster's nodes share (IptablesSyncer
 * given a ProxierCache). Every node's kube-proxy watches the same Services
 * and EndpointSlices, so their states differ only in the ports whose rules
 * depend on the node (template.ts NodePorts): one state derived for no
 * node serves them all, each node's sync reading it through a NodeView.
 * A sync moves the state on with the services changed since the last one
 * (a Transition, from one StateVersion to the next); a node whose changes
 * since its last sync are those of a transition already made, from the
 * version it was at, takes the transition's version instead of deriving
 * it again, and a sync whose outcome another node already computed at that
 * version (same settings, same changed services, no port of its own) is
 * that outcome. A node that changes 1 service of 10,000 then pays a
 * comparison, not a walk over the cluster's services.
 *
 * The state is mutable and moves with its newest version: an older version
 * keeps its transitions (so nodes that lag take them) but no state, and
 * lives only as long as a node is at it or at a version before it (a
 * chain of them holds the objects of every change on it). A node
 * whose changes match no transition from an older version (its events came
 * in another order or were synced in other batches) forks: it derives a
 * state of its own from its objects, as a lineage others may join. A node's
 * first sync joins the newest version outright when its objects are that
 * version's (a node that comes up later, fed the same informer objects).
 */
import type { EndpointSlice, Service } from '../../api/core-v1.js';
import type { EndpointsMap } from './endpoints.js';
import type { SyncResult } from './proxier.js';
import { ProxierState, sameEndpointsMap, type ProxierCache } from './state.js';
import { NO_NODE, NodePorts } from './template.js';

/** One service as a sync hands it over: its object (undefined: deleted) and its slices. */
export interface Update {
  readonly name: string;
  readonly svc: Service | undefined;
  readonly slices: readonly EndpointSlice[];
}

/** An update as a transition applied it. */
interface Applied extends Update {
  /** Whether the rules of a node with no endpoint of it changed (ProxierState.update). */
  readonly changed: boolean;
  readonly before: EndpointsMap | undefined;
  readonly after: EndpointsMap;
}

/** A state derived for no node, and the index of the ports that depend on the node. */
class Lineage {
  readonly state: ProxierState;
  readonly own = new NodePorts();
  /** The version holding the state. */
  head!: StateVersion;

  constructor(cache: ProxierCache) {
    this.state = new ProxierState(NO_NODE, cache);
  }

  /** Whether `updates` (every service a node knows) make just this state. */
  builds(updates: readonly Update[]): boolean {
    let held = 0;
    for (const u of updates) {
      if (!this.state.holds(u.name, u.svc, u.slices)) return false;
      if (this.state.endpointsOf(u.name) !== undefined) held++;
    }
    return held === this.state.size;
  }

  apply(u: Update): Applied {
    const before = this.state.endpointsOf(u.name);
    const old = this.state.portsOf(u.name);
    const changed = this.state.update(u.name, u.svc, u.slices);
    const now = this.state.portsOf(u.name);
    if (now !== old) {
      for (const e of old) this.own.delete(e);
      for (const e of now) this.own.add(e);
    }
    // What update compared `before` with (the state forgets a service gone with its endpoints).
    return { ...u, changed, before, after: this.state.cache.endpointsOf(u.name, u.slices) };
  }
}

/** Per cache, the lineage its newest syncer started or joined. */
const started = new WeakMap<ProxierCache, Lineage>();

export interface Transition {
  readonly applied: readonly Applied[];
  readonly to: StateVersion;
}

export class StateVersion {
  /** Made by this version's state (while it has it), by key: see SharedSync.result. */
  readonly results = new Map<string, SyncResult>();
  private readonly transitions: Transition[] = [];

  /** `lineage`: while this is its newest version (a later one takes it). */
  constructor(private lineage: Lineage | null) {
    if (lineage !== null) lineage.head = this;
  }

  /**
   * Where a node's first sync, handing over every service it knows,
   * starts: the newest version of the lineage a node last started, when
   * these make just its state (nodes fed the same objects), else a lineage
   * of its own, which later nodes may join. Only the newest version is
   * kept here: a version lives while a node is at it or before it.
   */
  static first(cache: ProxierCache, updates: readonly Update[]): StateVersion {
    const lineage = started.get(cache);
    if (lineage !== undefined && lineage.builds(updates)) return lineage.head;
    const made = StateVersion.derived(cache, updates);
    started.set(cache, made.lineage!);
    return made;
  }

  /** The state as of this version, while it is the newest of its lineage. */
  get state(): ProxierState | null {
    return this.lineage?.state ?? null;
  }

  /**
   * Node `nodeName`'s own ports in this version's state (it must have
   * one), its blocks brought up to date first: a NodeView copies the
   * blocks holding them.
   */
  ownPorts(nodeName: string) {
    this.lineage!.state.blocks();
    return this.lineage!.own.of(nodeName);
  }

  /** The transitions made from this version, oldest first. */
  get next(): readonly Transition[] {
    return this.transitions;
  }

  /**
   * The version `updates` lead to from this one: a transition made before
   * with the same updates (the same objects, in the same order), or one
   * made now if this version still holds its lineage's state. Null: the
   * caller must fork.
   */
  advance(updates: readonly Update[]): Transition | null {
    for (const t of this.transitions) if (sameUpdates(t.applied, updates)) return t;
    const lineage = this.lineage;
    if (lineage === null) return null;
    const applied = updates.map((u) => lineage.apply(u));
    this.lineage = null;
    // Read only at the newest version (their lazy parts read the state, which moves on now).
    this.results.clear();
    const t = { applied, to: new StateVersion(lineage) };
    this.transitions.push(t);
    return t;
  }

  /** A version holding a state derived from `updates` (a fork: every service the node knows). */
  static derived(cache: ProxierCache, updates: Iterable<Update>): StateVersion {
    const lineage = new Lineage(cache);
    for (const u of updates) lineage.apply(u);
    return new StateVersion(lineage);
  }
}

/** The services a transition changed for node `nodeName`: its changes, and the endpoints that became (or stopped being) the node's. */
export function changedFor(t: Transition, nodeName: string): Set<string> {
  const changed = new Set<string>();
  for (const a of t.applied)
    if (a.changed || (a.before !== undefined && !sameEndpointsMap(a.before, a.after, nodeName)))
      changed.add(a.name);
  return changed;
}

function sameUpdates(a: readonly Update[], b: readonly Update[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.name !== y.name || x.svc !== y.svc || x.slices.length !== y.slices.length) return false;
    for (let k = 0; k < x.slices.length; k++) if (x.slices[k] !== y.slices[k]) return false;
  }
  return true;
}
