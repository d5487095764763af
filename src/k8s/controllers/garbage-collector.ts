/**
 * The garbage collector of kube-controller-manager, as a client of the API:
 * it follows every kind through informers, indexes objects by the uids in
 * their ownerReferences, and
 * - deletes a dependent once none of its owners exist any more (background
 *   deletion: the owner went first), keeping it but dropping the dangling
 *   references while some owner remains;
 * - for an owner deleted with `propagationPolicy: Orphan` (finalizer
 *   `orphan`), removes its uid from every dependent's ownerReferences, then
 *   the finalizer;
 * - for one deleted with `Foreground` (finalizer `foregroundDeletion`),
 *   deletes its dependents (in the foreground too where the reference has
 *   blockOwnerDeletion) and removes the finalizer when none is left.
 * Whether an owner is gone is confirmed with a live GET by uid, not the
 * cache, as the real collector does, so informer lag cannot delete a
 * dependent whose owner was just created.
 */
import type { ObjectMeta } from '../api/meta.js';
import { apiVersionOf, RESOURCES, type ResourceType } from '../api/resources.js';
import { Informer } from '../client/informer.js';
import { isConflict, isNotFound, type HasMeta, type RestClient } from '../client/rest.js';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from '../apiserver/registry.js';
import { Controller } from './controller.js';

interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

const OWNER_INDEX = 'owner';
const ownersOf = (obj: HasMeta): OwnerReference[] =>
  (obj.metadata.ownerReferences as unknown as OwnerReference[] | undefined) ?? [];
const finalizersOf = (meta: ObjectMeta): string[] => (meta.finalizers as string[] | undefined) ?? [];

/** Kinds the collector follows: stored ones that can be listed, watched and deleted. */
const collectable = (t: ResourceType) =>
  !t.verbs || ['list', 'watch', 'delete'].every((v) => t.verbs!.includes(v));

interface Ref {
  readonly type: ResourceType;
  readonly namespace: string | undefined;
  readonly name: string;
}

export class GarbageCollector {
  private readonly informers: Informer<HasMeta>[];
  private readonly byType = new Map<ResourceType, Informer<HasMeta>>();
  /** uid -> where the object lives, for every object seen. */
  private readonly where = new Map<string, Ref>();
  readonly controller: Controller;

  constructor(
    private readonly client: RestClient,
    onError: (error: unknown) => void = () => {},
  ) {
    this.controller = new Controller({ reconcile: (k) => this.reconcile(k), onError: (_, e) => onError(e) });
    this.informers = RESOURCES.filter(collectable).map((type) => {
      const informer = new Informer<HasMeta>(client, type, {
        indexers: { [OWNER_INDEX]: (o) => ownersOf(o).map((r) => r.uid) },
      });
      this.byType.set(type, informer);
      informer.addEventHandler({
        onAdd: (o) => this.observe(type, o),
        onUpdate: (_, o) => this.observe(type, o),
        onDelete: (o) => this.forget(o),
      });
      return informer;
    });
  }

  async start(): Promise<void> {
    for (const i of this.informers) void i.run();
    await Promise.all(this.informers.map((i) => i.waitForSync()));
    this.controller.run();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.informers.map((i) => i.stop()), this.controller.stop()]);
  }

  private keyOf(ref: Ref): string {
    return JSON.stringify([ref.type.group, ref.type.plural, ref.namespace ?? '', ref.name]);
  }

  private observe(type: ResourceType, obj: HasMeta): void {
    const ref = { type, namespace: obj.metadata.namespace, name: obj.metadata.name! };
    if (obj.metadata.uid) this.where.set(obj.metadata.uid, ref);
    const deleting = obj.metadata.deletionTimestamp !== undefined;
    const finalizers = finalizersOf(obj.metadata);
    if (
      ownersOf(obj).length > 0 ||
      (deleting && (finalizers.includes(FINALIZER_ORPHAN) || finalizers.includes(FINALIZER_FOREGROUND)))
    )
      this.controller.enqueue(this.keyOf(ref));
  }

  private forget(obj: HasMeta): void {
    const uid = obj.metadata.uid;
    if (!uid) return;
    // Its dependents may be orphans now; an owner waiting for it may be done.
    for (const d of this.dependents(uid)) this.enqueueUid(d.metadata.uid);
    for (const owner of ownersOf(obj)) this.enqueueUid(owner.uid);
    this.where.delete(uid);
  }

  private enqueueUid(uid: string | undefined): void {
    const ref = uid && this.where.get(uid);
    if (ref) this.controller.enqueue(this.keyOf(ref));
  }

  private dependents(uid: string): HasMeta[] {
    return this.informers.flatMap((i) => i.store.byIndex(OWNER_INDEX, uid));
  }

  private cached(ref: Ref): HasMeta | undefined {
    const store = this.byType.get(ref.type)!.store;
    return store.get(ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name);
  }

  private async reconcile(key: string): Promise<void> {
    const [group, plural, namespace, name] = JSON.parse(key) as string[];
    const type = RESOURCES.find((t) => t.group === group && t.plural === plural)!;
    const ref: Ref = { type, namespace: namespace || undefined, name };
    const obj = this.cached(ref);
    if (!obj) return;
    const finalizers = finalizersOf(obj.metadata);
    if (obj.metadata.deletionTimestamp !== undefined) {
      if (finalizers.includes(FINALIZER_ORPHAN)) return this.orphanDependents(ref, obj);
      if (finalizers.includes(FINALIZER_FOREGROUND)) return this.deleteDependents(ref, obj);
    }
    if (ownersOf(obj).length > 0) await this.attemptToDelete(ref, obj);
  }

  /** Read-modify-write with retries on conflict, as the collector's patches are. */
  private async modify(ref: Ref, change: (obj: HasMeta) => HasMeta | null): Promise<void> {
    for (;;) {
      let current: HasMeta;
      try {
        current = await this.client.get(ref.type, ref.namespace, ref.name);
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      const next = change(structuredClone(current));
      if (!next) return;
      try {
        await this.client.update(ref.type, next);
        return;
      } catch (error) {
        if (isNotFound(error)) return;
        if (!isConflict(error)) throw error;
      }
    }
  }

  private withoutFinalizer(ref: Ref, finalizer: string): Promise<void> {
    return this.modify(ref, (o) => {
      if (!finalizersOf(o.metadata).includes(finalizer)) return null;
      o.metadata.finalizers = finalizersOf(o.metadata).filter((f) => f !== finalizer);
      return o;
    });
  }

  private async orphanDependents(ref: Ref, owner: HasMeta): Promise<void> {
    const uid = owner.metadata.uid!;
    for (const d of this.dependents(uid))
      await this.modify(this.refOf(d), (o) => {
        const owners = ownersOf(o);
        if (!owners.some((r) => r.uid === uid)) return null;
        const rest = owners.filter((r) => r.uid !== uid);
        if (rest.length) o.metadata.ownerReferences = rest as never;
        else delete o.metadata.ownerReferences;
        return o;
      });
    await this.withoutFinalizer(ref, FINALIZER_ORPHAN);
  }

  private async deleteDependents(ref: Ref, owner: HasMeta): Promise<void> {
    const uid = owner.metadata.uid!;
    const dependents = this.dependents(uid);
    if (dependents.length === 0) return this.withoutFinalizer(ref, FINALIZER_FOREGROUND);
    for (const d of dependents) {
      if (d.metadata.deletionTimestamp !== undefined) continue;
      const blocking = ownersOf(d).find((r) => r.uid === uid)?.blockOwnerDeletion === true;
      await this.deleteQuietly(this.refOf(d), blocking ? 'Foreground' : 'Background');
    }
  }

  /** A dependent with owners: delete it when none is left, drop the references of the missing ones. */
  private async attemptToDelete(ref: Ref, obj: HasMeta): Promise<void> {
    const owners = ownersOf(obj);
    const dangling: string[] = [];
    let waiting = false;
    for (const owner of owners) {
      const found = await this.liveOwner(owner, obj.metadata.namespace);
      if (!found) dangling.push(owner.uid);
      else if (
        found.metadata.deletionTimestamp !== undefined &&
        finalizersOf(found.metadata).includes(FINALIZER_FOREGROUND)
      )
        waiting = true;
    }
    if (dangling.length === 0) return;
    if (dangling.length === owners.length || (waiting && dangling.length + 1 === owners.length)) {
      if (obj.metadata.deletionTimestamp === undefined)
        await this.deleteQuietly(ref, waiting ? 'Foreground' : 'Background');
      return;
    }
    await this.modify(ref, (o) => {
      const rest = ownersOf(o).filter((r) => !dangling.includes(r.uid));
      if (rest.length === ownersOf(o).length) return null;
      o.metadata.ownerReferences = rest as never;
      return o;
    });
  }

  /** The owner as the server has it now, if it exists with that uid. */
  private async liveOwner(owner: OwnerReference, namespace: string | undefined): Promise<HasMeta | null> {
    const type = RESOURCES.find((t) => t.kind === owner.kind && apiVersionOf(t) === owner.apiVersion);
    if (!type) return null;
    try {
      const found = await this.client.get(type, type.namespaced ? namespace : undefined, owner.name);
      return found.metadata.uid === owner.uid ? found : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private refOf(obj: HasMeta): Ref {
    return this.where.get(obj.metadata.uid!)!;
  }

  private async deleteQuietly(ref: Ref, policy: 'Foreground' | 'Background'): Promise<void> {
    try {
      await this.client.delete(ref.type, ref.namespace, ref.name, policy);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
