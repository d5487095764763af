/**
 * client-go's cache.Indexer: the informer's local copy of every object,
 * keyed `namespace/name` (or `name` for cluster-scoped kinds), with named
 * secondary indexes kept up to date on every change so controllers can ask
 * "the pods on node X" without scanning.
 */
import type { KubeObject } from '../api/meta.js';
import type { HasMeta } from './rest.js';

/** MetaNamespaceKeyFunc. */
export const objectKey = (obj: HasMeta): string =>
  obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;

/** An index function maps an object to the values it is indexed under (none, one or several). */
export type IndexFunc<T> = (obj: T) => readonly string[];

/** The namespace index every informer in client-go registers. */
export const NAMESPACE_INDEX = 'namespace';
export const byNamespace: IndexFunc<HasMeta> = (obj) =>
  obj.metadata.namespace ? [obj.metadata.namespace] : [];

export class Indexer<T extends HasMeta = KubeObject> {
  private readonly items = new Map<string, T>();
  /** index name -> indexed value -> keys */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly indexers: Readonly<Record<string, IndexFunc<T>>> = {}) {
    for (const name of Object.keys(indexers)) this.indices.set(name, new Map());
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  get size(): number {
    return this.items.size;
  }

  /** Adds or replaces; returns the object it replaced. */
  upsert(obj: T): T | undefined {
    const key = objectKey(obj);
    const old = this.items.get(key);
    if (old) this.unindex(key, old);
    this.items.set(key, obj);
    this.index(key, obj);
    return old;
  }

  /** Removes by key; returns what was there. */
  remove(key: string): T | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  /** Replaces the whole content (a relist), as cache.Replace does. */
  replace(objs: readonly T[]): void {
    this.items.clear();
    for (const index of this.indices.values()) index.clear();
    for (const obj of objs) this.upsert(obj);
  }

  /** The objects indexed under `value` by the index `name`. */
  byIndex(name: string, value: string): T[] {
    const index = this.indices.get(name);
    if (!index) throw new Error(`index with name ${name} does not exist`);
    return [...(index.get(value) ?? [])].map((k) => this.items.get(k)!);
  }

  private index(key: string, obj: T): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index = this.indices.get(name)!;
      for (const value of fn(obj)) {
        let keys = index.get(value);
        if (!keys) index.set(value, (keys = new Set()));
        keys.add(key);
      }
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index = this.indices.get(name)!;
      for (const value of fn(obj)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}
