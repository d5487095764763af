import { Clock } from './clock.js';
import { Rng } from './rng.js';
import { Netns } from './netns.js';
import { Loopback } from './link/loopback.js';
import type { TraceRecorder } from './trace/recorder.js';

export interface WorldOptions {
  seed?: number;
}

/**
 * Everything one emulated machine holds: its namespaces, one virtual clock
 * and one seeded RNG. The initial namespace starts as `unshare --net` leaves
 * it: a `lo` that is down and kernel-default sysctls.
 */
export class World {
  readonly clock = new Clock();
  readonly rng: Rng;
  /** The initial namespace (the one a script starts in). */
  readonly root: Netns;
  /** Named namespaces, as under /run/netns, in creation order. */
  readonly named = new Map<string, Netns>();
  /** The packet tracer while one is attached (`podpath trace`); null costs the kernel nothing. */
  trace: TraceRecorder | null = null;

  constructor(options: WorldOptions = {}) {
    this.rng = new Rng(options.seed ?? 1);
    this.root = this.createNetns(null);
  }

  /** Creates a namespace with its loopback device, as copy_net_ns does. */
  createNetns(name: string | null): Netns {
    const ns = new Netns(this, name);
    const lo = new Loopback(ns, ns.allocIfindex());
    ns.links.set(lo.ifindex, lo);
    if (name !== null) this.named.set(name, ns);
    return ns;
  }
}
