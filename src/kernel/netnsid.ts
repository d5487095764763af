import type { Netns } from './netns.js';

/**
 * Per-namespace ids for peer namespaces (net->netns_ids): allocated on first
 * need (peernet2id_alloc), lowest free number first, and never for the
 * namespace itself.
 */
const ids = new WeakMap<Netns, Map<Netns, number>>();

function table(ns: Netns): Map<Netns, number> {
  let t = ids.get(ns);
  if (!t) {
    t = new Map();
    ids.set(ns, t);
  }
  return t;
}

/** peernet2id: the id `ns` knows `peer` by, or null (NETNSA_NSID_NOT_ASSIGNED). */
export function peernetId(ns: Netns, peer: Netns): number | null {
  return ids.get(ns)?.get(peer) ?? null;
}

/** peernet2id_alloc. */
export function peernetIdAlloc(ns: Netns, peer: Netns): number {
  if (ns === peer) return -1;
  const t = table(ns);
  const have = t.get(peer);
  if (have !== undefined) return have;
  const used = new Set(t.values());
  let id = 0;
  while (used.has(id)) id++;
  t.set(peer, id);
  return id;
}

/** The namespace `ns` knows by `id`. */
export function peernetById(ns: Netns, id: number): Netns | undefined {
  for (const [peer, n] of ids.get(ns) ?? []) if (n === id) return peer;
  return undefined;
}

/** A namespace went away: every other namespace forgets its id. */
export function forgetNetns(all: Iterable<Netns>, gone: Netns): void {
  for (const ns of all) ids.get(ns)?.delete(gone);
  ids.delete(gone);
}
