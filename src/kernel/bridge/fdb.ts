import type { Mac } from '../../net/mac.js';
import type { Bridge } from '../link/bridge.js';
import type { Link } from '../link/link.js';

export interface FdbEntry {
  readonly mac: Mac;
  port: Link;
  /** Virtual time the entry was last refreshed (ms). */
  updated: number;
  /** Permanent entries for the bridge's own and its ports' addresses. */
  readonly local: boolean;
  readonly isStatic: boolean;
}

/** The bridge forwarding database. Owned by the neighbour/bridge work. */
export class Fdb {
  readonly entries = new Map<Mac, FdbEntry>();
  constructor(readonly bridge: Bridge) {}
}
