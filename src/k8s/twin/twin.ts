/** A cluster brought up in an emulated World: what was built where, and the objects as the API would show them. */
import type { World } from '../../kernel/world.js';
import type { Cluster } from '../cluster/model.js';
import type { EndpointSlice, Namespace, Node, Pod, Service } from '../api/core-v1.js';
import type { SyncResult } from '../proxy/iptables/proxier.js';
import type { Sandbox } from '../kubelet/sandbox.js';
import type { Listener } from '../kubelet/listeners.js';
import type { StepLog } from './host.js';
import type { Underlay } from './underlay.js';

export interface TwinNode {
  readonly name: string;
  /** The node's namespace (named after the node). */
  readonly netns: string;
  readonly internalIP: string;
  readonly podCIDR: string;
  /** The host end of its underlay veth, in the initial namespace. */
  readonly underlayVeth: string;
  readonly proxy: SyncResult;
}

export interface TwinPod {
  readonly sandbox: Sandbox;
  readonly listeners: readonly Listener[];
}

/** The API objects as a client would read them: statuses filled, creation times set. */
export interface TwinObjects {
  readonly namespaces: readonly Namespace[];
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSlice[];
}

export interface Twin {
  readonly world: World;
  readonly cluster: Cluster;
  readonly underlay: Underlay;
  readonly nodes: readonly TwinNode[];
  readonly pods: readonly TwinPod[];
  readonly objects: TwinObjects;
  /** Every command the components ran, in order. */
  readonly steps: StepLog;
}

/**
 * Wall-clock time of virtual time 0, so objects get real-looking
 * timestamps. AGE in `kubectl get` is the virtual time elapsed since the
 * object was created (all objects are created at `up`, virtual time 0), so
 * it reads `0s` at the start of a lab and grows with its `sleep`s and pings.
 */
export const TWIN_EPOCH_MS = Date.UTC(2025, 0, 1);

/** RFC 3339 with seconds, as metav1.Time marshals. */
export const virtualTimestamp = (virtualMs: number): string =>
  new Date(TWIN_EPOCH_MS + Math.floor(virtualMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const twins = new WeakMap<World, Twin>();

/** The cluster living in this world, if one was brought up (kubectl's view of "the API server"). */
export const twinOf = (world: World): Twin | undefined => twins.get(world);

export const attachTwin = (twin: Twin): void => void twins.set(twin.world, twin);
