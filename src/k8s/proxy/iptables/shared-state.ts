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
 * state of its own from its objects, as a lineage others may join.
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

  constructor(cache: ProxierCache) {
    this.state = new ProxierState(NO_NODE, cache);
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

export interface Transition {
  readonly applied: readonly Applied[];
  readonly to: StateVersion;
}

export class StateVersion {
  /** Made by this version's state (while it has it), by key: see SharedSync.result. */
  readonly results = new Map<string, SyncResult>();
  private readonly transitions: Transition[] = [];

  /** `lineage`: while this is its newest version (a later one takes it). */
  constructor(private lineage: Lineage | null) {}

  /** A lineage of its own for `cache`, with nothing in it yet. */
  static root(cache: ProxierCache): StateVersion {
    return new StateVersion(new Lineage(cache));
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
