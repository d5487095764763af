import { applyDefaults } from '../api/defaults.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  expired,
  failure,
  invalid,
  isObject,
  notFound,
  type Json,
  type KubeObject,
  type Status,
} from '../api/meta.js';
import { applyPatch, PatchError, type PatchType } from '../api/patch.js';
import { apiVersionOf, RESOURCES, storagePrefixOf, type ResourceType } from '../api/resources.js';
import { matches, type Selector } from '../api/selectors.js';
import { formatLabelSelector } from '../api/table-cells.js';
import { validate } from '../api/validation.js';
import { continueExpired, decodeContinue, encodeContinue, type Page } from './paging.js';
import type { RbacSource } from './rbac.js';
import { CompactedError, type KeyValue, type Store, type WatchEvent } from '../storage/types.js';

/** What the server needs from its host: time and unique ids are inputs, as everywhere in podpath. */
export interface Host {
  now(): Date;
  newUid(): string;
  /** A short random suffix for `generateName`, five characters as the real server's. */
  randomSuffix(): string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; status: Status };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(status: Status): Result<T> => ({ ok: false, status });

export interface ListOptions {
  labelSelector: Selector;
  fieldSelector: Selector;
}

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export type ObjectEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ObjectEvent {
  type: ObjectEventType;
  object: KubeObject;
}

const prefixOf = storagePrefixOf;
const RBAC_GROUP = 'rbac.authorization.k8s.io';

const NAMESPACES = RESOURCES.find((t) => t.kind === 'Namespace')!;
const SERVICES = RESOURCES.find((t) => t.kind === 'Service')!;

/** RFC 3339 with whole seconds, as metav1.Time marshals. */
const timestamp = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** The fields a field selector may name, per kind (each registry's GetAttrs). */
export function fieldsOf(type: ResourceType, obj: KubeObject): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = { 'metadata.name': obj.metadata.name };
  if (type.namespaced) fields['metadata.namespace'] = obj.metadata.namespace;
  const spec = isObject(obj.spec) ? obj.spec : {};
  const status = isObject(obj.status) ? obj.status : {};
  const s = (v: Json | undefined) =>
    typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : v === undefined ? '' : String(v);
  switch (type.kind) {
    case 'Pod':
      Object.assign(fields, {
        'spec.nodeName': s(spec.nodeName),
        'spec.restartPolicy': s(spec.restartPolicy),
        'spec.schedulerName': s(spec.schedulerName),
        'spec.serviceAccountName': s(spec.serviceAccountName),
        'spec.hostNetwork': String(spec.hostNetwork === true),
        'status.phase': s(status.phase),
        'status.podIP': s(status.podIP),
        'status.nominatedNodeName': s(status.nominatedNodeName),
      });
      break;
    case 'Namespace':
      fields['status.phase'] = s(status.phase);
      break;
    case 'Node':
      fields['spec.unschedulable'] = String(spec.unschedulable === true);
      break;
    case 'Event': {
      const involved = isObject(obj.involvedObject) ? obj.involvedObject : {};
      for (const k of ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'])
        fields[`involvedObject.${k}`] = s(involved[k]);
      fields.reason = s(obj.reason as Json);
      fields.type = s(obj.type as Json);
      fields.reportingComponent = s(obj.reportingComponent as Json);
      fields.source = s(isObject(obj.source) ? obj.source.component : undefined);
      break;
    }
  }
  return fields;
}

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';
export const PROPAGATION_POLICIES: readonly PropagationPolicy[] = ['Foreground', 'Background', 'Orphan'];
export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

/**
 * The finalizers after a delete with this policy, as the generic registry's
 * deletion strategy computes them: Orphan and Foreground add their own and
 * drop the other's, Background drops both, no policy keeps what is there
 * (every kind served here defaults to background deletion).
 */
function withPropagationFinalizer(finalizers: readonly string[] = [], policy?: PropagationPolicy): string[] {
  if (!policy) return [...finalizers];
  const rest = finalizers.filter((f) => f !== FINALIZER_ORPHAN && f !== FINALIZER_FOREGROUND);
  if (policy === 'Orphan') return [...rest, FINALIZER_ORPHAN];
  if (policy === 'Foreground') return [...rest, FINALIZER_FOREGROUND];
  return rest;
}

/**
 * Every watcher of a key gets the same stored event: decode it once for all
 * of them (watch objects are only read and serialized, never changed).
 */
const sharedDecodes = new WeakMap<KeyValue, KubeObject>();
function decodeShared(kv: KeyValue): KubeObject {
  let obj = sharedDecodes.get(kv);
  if (!obj) sharedDecodes.set(kv, (obj = decode(kv)));
  return obj;
}

/** The REST semantics of every resource (create, get, list, update, patch, delete, watch) over the store. */
export class Registry {
  constructor(
    private readonly store: Store,
    private readonly host: Host,
  ) {}

  /** Namespaces and the `kubernetes` Service a fresh kube-apiserver creates for itself. */
  async bootstrap(): Promise<void> {
    for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      await this.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
    await this.create(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    });
  }

  /** Create the cluster-scoped objects that are missing (bootstrap policy); existing ones are left as they are. */
  async ensure(objects: readonly KubeObject[]): Promise<void> {
    for (const obj of objects) {
      const type = RESOURCES.find((t) => t.kind === obj.kind && apiVersionOf(t) === obj.apiVersion)!;
      const name = obj.metadata.name ?? '';
      if (!(await this.get(type, undefined, name)).ok)
        await this.create(type, undefined, structuredClone(obj));
    }
  }

  /** Roles and bindings as the RBAC authorizer reads them. */
  rbacSource(): RbacSource {
    const type = (kind: string) => RESOURCES.find((t) => t.kind === kind && t.group === RBAC_GROUP)!;
    const all = { labelSelector: [], fieldSelector: [] };
    const items = async (kind: string, namespace?: string) => {
      const listed = await this.list(type(kind), namespace, all);
      return listed.ok ? listed.value.items : [];
    };
    const one = async (kind: string, namespace: string | undefined, name: string) => {
      const got = await this.get(type(kind), namespace, name);
      return got.ok ? got.value : undefined;
    };
    return {
      clusterRoleBindings: () => items('ClusterRoleBinding'),
      roleBindings: (namespace) => items('RoleBinding', namespace),
      clusterRole: (name) => one('ClusterRole', undefined, name),
      role: (namespace, name) => one('Role', namespace, name),
    };
  }

  async get(type: ResourceType, namespace: string | undefined, name: string): Promise<Result<KubeObject>> {
    const kv = await this.store.get(prefixOf(type, namespace) + name);
    return kv ? ok(decode(kv)) : fail(notFound(type, name));
  }

  /** One consistent read; with `limit`, a page and the token that continues it at the same revision. */
  async list(
    type: ResourceType,
    namespace: string | undefined,
    options: ListOptions,
    page: Page = {},
  ): Promise<Result<ListPage>> {
    const prefix = prefixOf(type, namespace);
    let at: number | undefined;
    let start = '';
    if (page.continue) {
      const token = decodeContinue(page.continue);
      if ('kind' in token) return fail(token);
      [at, start] = [token.rv, token.start];
    }
    let listed;
    try {
      listed = await this.store.list(prefix, at);
    } catch (error) {
      if (error instanceof CompactedError) return fail(continueExpired());
      throw error;
    }
    const { items, revision } = listed;
    const from = start ? items.findIndex((kv) => kv.key >= prefix + start) : 0;
    const rest = from < 0 ? [] : items.slice(from);
    const objects: KubeObject[] = [];
    let next = rest.length;
    for (let i = 0; i < rest.length; i++) {
      if (page.limit && objects.length === page.limit) {
        next = i;
        break;
      }
      const o = decode(rest[i]);
      if (this.selected(type, o, options)) objects.push(o);
    }
    const result: ListPage = { items: objects, resourceVersion: String(revision) };
    if (next < rest.length) {
      result.continue = encodeContinue(revision, rest[next - 1].key.slice(prefix.length) + '\0');
      // Only an unfiltered list can count what is left, as the real server.
      if (options.labelSelector.length === 0 && options.fieldSelector.length === 0)
        result.remainingItemCount = rest.length - next;
    }
    return ok(result);
  }

  async create(
    type: ResourceType,
    namespace: string | undefined,
    body: KubeObject,
  ): Promise<Result<KubeObject>> {
    const checked = this.checkBody(type, namespace, body);
    if (!checked.ok) return checked;
    const obj = checked.value;
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.host.randomSuffix();
    if (!meta.name)
      return fail(
        invalid(type, '', [
          {
            field: 'metadata.name',
            message: 'Required value: name or generateName is required',
            type: 'FieldValueRequired',
          },
        ]),
      );
    if (type.namespaced) {
      const ns = await this.store.get(prefixOf(NAMESPACES, undefined) + namespace);
      if (!ns) return fail(notFound(NAMESPACES, namespace ?? ''));
    }
    meta.uid = this.host.newUid();
    meta.creationTimestamp = timestamp(this.host.now());
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    applyDefaults(type.kind, obj);
    const problems = validate(type, obj);
    if (problems.length) return fail(invalid(type, meta.name, problems));
    const prepared = await this.prepareForCreate(type, obj);
    if (!prepared.ok) return prepared;
    const result = await this.store.create(prefixOf(type, namespace) + meta.name, encode(obj));
    if (!result.ok) return fail(alreadyExists(type, meta.name));
    return ok(decode(result.kv));
  }

  /**
   * PUT of the object (`main`: status is kept from storage where the kind has
   * a status subresource) or of its `/status` (only status changes).
   */
  async update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    part: 'main' | 'status' = 'main',
  ): Promise<Result<KubeObject>> {
    const checked = this.checkBody(type, namespace, body);
    if (!checked.ok) return checked;
    const obj = checked.value;
    if (obj.metadata.name !== name)
      return fail(
        badRequest(
          `the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`,
        ),
      );
    const key = prefixOf(type, namespace) + name;
    const currentKv = await this.store.get(key);
    if (!currentKv) return fail(notFound(type, name));
    const current = decode(currentKv);
    const rv = obj.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== current.metadata.resourceVersion)
      return fail(conflict(type, name));
    // Identity and creation metadata belong to the server; status changes go through /status.
    for (const k of [
      'uid',
      'creationTimestamp',
      'generation',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
    ] as const) {
      if (current.metadata[k] === undefined) delete obj.metadata[k];
      else (obj.metadata as Record<string, unknown>)[k] = current.metadata[k];
    }
    if (part === 'status') {
      // The status strategy: everything but status stays as stored.
      const status = obj.status;
      for (const k of Object.keys(obj)) if (k !== 'status') delete obj[k];
      Object.assign(obj, stripRv(current));
      if (status === undefined) delete obj.status;
      else obj.status = status;
    } else if (type.subresources?.includes('status')) {
      if (current.status === undefined) delete obj.status;
      else obj.status = current.status;
    }
    applyDefaults(type.kind, obj);
    const problems = validate(type, obj);
    if (problems.length) return fail(invalid(type, name, problems));
    if (
      typeof current.metadata.generation === 'number' &&
      JSON.stringify(obj.spec) !== JSON.stringify(current.spec)
    ) {
      obj.metadata.generation = current.metadata.generation + 1;
    }
    delete obj.metadata.resourceVersion;
    if (JSON.stringify(obj) === JSON.stringify(stripRv(current))) return ok(current);
    if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers as unknown[] | undefined)?.length) {
      // The last finalizer is gone from an object being deleted: it goes now.
      const gone = await this.store.delete(key, currentKv.modRevision);
      if (!gone.ok) return fail(gone.code === 'not-found' ? notFound(type, name) : conflict(type, name));
      return ok({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(gone.kv.modRevision) } });
    }
    const result = await this.store.update(key, encode(obj), currentKv.modRevision);
    if (!result.ok) return fail(result.code === 'not-found' ? notFound(type, name) : conflict(type, name));
    return ok(decode(result.kv));
  }

  async patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: Json,
    part: 'main' | 'status' = 'main',
  ): Promise<Result<KubeObject>> {
    // Retry on a concurrent write, as the real server's GuaranteedUpdate does: a patch carries no resourceVersion unless the client put one in.
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.get(type, namespace, name);
      if (!current.ok) return current;
      let patched: Json;
      try {
        patched = applyPatch(patchType, current.value as unknown as Json, patch);
      } catch (error) {
        if (error instanceof PatchError) return fail(failure(422, 'Invalid', error.message));
        throw error;
      }
      if (!isObject(patched) || !isObject(patched.metadata))
        return fail(badRequest('patched object is not an object'));
      const body = patched as unknown as KubeObject;
      const wantedRv =
        isObject(patch) && isObject(patch.metadata) ? patch.metadata.resourceVersion : undefined;
      if (wantedRv === undefined) body.metadata.resourceVersion = current.value.metadata.resourceVersion;
      const result = await this.update(type, namespace, name, body, part);
      if (result.ok || result.status.reason !== 'Conflict' || wantedRv !== undefined) return result;
    }
    return fail(conflict(type, name));
  }

  /** GET `/scale`: the object's replicas as an autoscaling/v1 Scale. */
  async getScale(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): Promise<Result<KubeObject>> {
    const current = await this.get(type, namespace, name);
    return current.ok ? ok(scaleOf(current.value)) : current;
  }

  /** PUT `/scale`: a Scale whose spec.replicas becomes the object's (resourceVersion checked as for the object). */
  async updateScale(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: Json,
  ): Promise<Result<KubeObject>> {
    const scale = isObject(body) ? body : {};
    const replicas = isObject(scale.spec) ? scale.spec.replicas : undefined;
    const scaleType = { group: 'autoscaling', kind: 'Scale' };
    if (
      replicas !== undefined &&
      (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas))
    )
      return fail(
        invalid(scaleType, name, [
          {
            field: 'spec.replicas',
            message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
          },
        ]),
      );
    const current = await this.get(type, namespace, name);
    if (!current.ok) return current;
    const rv = isObject(scale.metadata) ? scale.metadata.resourceVersion : undefined;
    const obj = current.value;
    if (typeof rv === 'string' && rv !== '' && rv !== obj.metadata.resourceVersion)
      return fail(conflict(type, name));
    obj.spec = { ...(isObject(obj.spec) ? obj.spec : {}), replicas: replicas ?? 0 };
    const updated = await this.update(type, namespace, name, obj);
    return updated.ok ? ok(scaleOf(updated.value)) : updated;
  }

  /** PATCH `/scale`: the patch applies to the Scale, as the real scale subresource's does. */
  async patchScale(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: Json,
  ): Promise<Result<KubeObject>> {
    const current = await this.getScale(type, namespace, name);
    if (!current.ok) return current;
    let patched: Json;
    try {
      patched = applyPatch(patchType, current.value as unknown as Json, patch);
    } catch (error) {
      if (error instanceof PatchError) return fail(failure(422, 'Invalid', error.message));
      throw error;
    }
    return this.updateScale(type, namespace, name, patched);
  }

  async delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    preconditions: { resourceVersion?: string; uid?: string } = {},
    propagation?: PropagationPolicy,
  ): Promise<Result<KubeObject>> {
    const key = prefixOf(type, namespace) + name;
    const currentKv = await this.store.get(key);
    if (!currentKv) return fail(notFound(type, name));
    const current = decode(currentKv);
    if (preconditions.uid && preconditions.uid !== current.metadata.uid) {
      return fail(
        failure(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${type.group ? `${type.plural}.${type.group}` : type.plural} "${name}": Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${current.metadata.uid ?? ''}`,
          type.group ? { name, group: type.group, kind: type.plural } : { name, kind: type.plural },
        ),
      );
    }
    if (preconditions.resourceVersion && preconditions.resourceVersion !== current.metadata.resourceVersion)
      return fail(conflict(type, name));
    // Orphan and Foreground become finalizers the garbage collector acts on (and removes).
    const finalizers = withPropagationFinalizer(
      current.metadata.finalizers as string[] | undefined,
      propagation,
    );
    // Finalizers hold the object back: it is only marked, and goes when the last finalizer is removed.
    if (finalizers.length) {
      const changed = JSON.stringify(finalizers) !== JSON.stringify(current.metadata.finalizers ?? []);
      if (current.metadata.deletionTimestamp && !changed) return ok(current);
      const marked = stripRv(current);
      marked.metadata.deletionTimestamp ??= timestamp(this.host.now());
      marked.metadata.deletionGracePeriodSeconds ??= 0;
      marked.metadata.finalizers = finalizers;
      const result = await this.store.update(key, encode(marked), currentKv.modRevision);
      if (!result.ok) return fail(conflict(type, name));
      return ok(decode(result.kv));
    }
    const result = await this.store.delete(key, currentKv.modRevision);
    if (!result.ok) return fail(result.code === 'not-found' ? notFound(type, name) : conflict(type, name));
    if (type.kind === 'Namespace') await this.deleteNamespaceContents(name);
    return ok(decode(result.kv));
  }

  /**
   * Events after `resourceVersion`; with none (or "0") first the current
   * objects as ADDED, as the real server's watch cache does.
   */
  async watch(
    type: ResourceType,
    namespace: string | undefined,
    resourceVersion: string | undefined,
    options: ListOptions,
    onEvent: (event: ObjectEvent) => void,
  ): Promise<Result<{ cancel(): void }>> {
    const prefix = prefixOf(type, namespace);
    let after: number;
    if (!resourceVersion || resourceVersion === '0') {
      const { items, revision } = await this.store.list(prefix);
      for (const kv of items) {
        const obj = decode(kv);
        if (this.selected(type, obj, options)) onEvent({ type: 'ADDED', object: obj });
      }
      after = revision;
    } else {
      after = Number(resourceVersion);
      if (!Number.isInteger(after) || after < 0)
        return fail(
          badRequest(
            `invalid resource version: strconv.ParseUint: parsing "${resourceVersion}": invalid syntax`,
          ),
        );
    }
    try {
      const watch = await this.store.watch(prefix, after, (event) => {
        const translated = this.translate(type, event, options);
        if (translated) onEvent(translated);
      });
      return ok(watch);
    } catch (error) {
      if (error instanceof CompactedError)
        return fail(expired(`too old resource version: ${after} (${error.compactRevision})`));
      throw error;
    }
  }

  /** A store event as the watcher sees it: selector transitions become ADDED/DELETED, as in the real watch cache. */
  private translate(type: ResourceType, event: WatchEvent, options: ListOptions): ObjectEvent | undefined {
    const obj = decodeShared(event.kv);
    if (event.type === 'DELETE')
      return this.selected(type, obj, options) ? { type: 'DELETED', object: obj } : undefined;
    const now = this.selected(type, obj, options);
    const before = event.prevKv ? this.selected(type, decodeShared(event.prevKv), options) : false;
    if (now && before) return { type: 'MODIFIED', object: obj };
    if (now) return { type: 'ADDED', object: obj };
    if (before) return { type: 'DELETED', object: obj };
    return undefined;
  }

  private selected(type: ResourceType, obj: KubeObject, options: ListOptions): boolean {
    return (
      matches(options.labelSelector, obj.metadata.labels ?? {}) &&
      matches(options.fieldSelector, fieldsOf(type, obj))
    );
  }

  private checkBody(type: ResourceType, namespace: string | undefined, body: unknown): Result<KubeObject> {
    if (!isObject(body))
      return fail(
        badRequest(
          'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
        ),
      );
    const obj = structuredClone(body) as unknown as KubeObject;
    const apiVersion = apiVersionOf(type);
    if (obj.kind !== undefined && obj.kind !== type.kind)
      return fail(
        badRequest(
          `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion})`,
        ),
      );
    if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion)
      return fail(
        badRequest(
          `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion})`,
        ),
      );
    obj.apiVersion = apiVersion;
    obj.kind = type.kind;
    if (!isObject(obj.metadata)) obj.metadata = {};
    if (type.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
        return fail(
          badRequest('the namespace of the provided object does not match the namespace sent on the request'),
        );
      }
      obj.metadata.namespace = namespace;
    } else delete obj.metadata.namespace;
    return ok(obj);
  }

  private async prepareForCreate(type: ResourceType, obj: KubeObject): Promise<Result<KubeObject>> {
    switch (type.kind) {
      case 'Pod':
        obj.status = { phase: 'Pending', qosClass: 'BestEffort' };
        break;
      case 'Namespace':
        obj.metadata.labels = {
          ...obj.metadata.labels,
          'kubernetes.io/metadata.name': obj.metadata.name ?? '',
        };
        obj.status = { phase: 'Active' };
        break;
      case 'Deployment':
      case 'Job':
      case 'CronJob':
        obj.metadata.generation = 1;
        obj.status = {};
        break;
      case 'ReplicaSet':
      case 'StatefulSet':
        obj.metadata.generation = 1;
        obj.status = { replicas: 0, ...(type.kind === 'StatefulSet' ? { availableReplicas: 0 } : {}) };
        break;
      case 'DaemonSet':
        obj.metadata.generation = 1;
        obj.status = {
          currentNumberScheduled: 0,
          numberMisscheduled: 0,
          desiredNumberScheduled: 0,
          numberReady: 0,
        };
        break;
      case 'NetworkPolicy':
        obj.metadata.generation = 1;
        break;
      case 'Ingress':
        obj.metadata.generation = 1;
        obj.status = { loadBalancer: {} };
        break;
      case 'Service':
        return this.allocateService(obj);
    }
    return ok(obj);
  }

  /** ClusterIPs from 10.96.0.0/12 (kubeadm's default range) and NodePorts from 30000-32767, lowest free first so runs are reproducible. */
  private async allocateService(svc: KubeObject): Promise<Result<KubeObject>> {
    const spec = isObject(svc.spec) ? svc.spec : (svc.spec = {});
    svc.status = { loadBalancer: {} };
    if (spec.type === 'ExternalName') return ok(svc);
    const { items } = await this.store.list(prefixOf(SERVICES, undefined));
    const others = items.map(decode).map((s) => (isObject(s.spec) ? s.spec : {}));
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      const used = new Set(others.map((s) => s.clusterIP));
      let n = 1;
      while (used.has(`10.96.${n >> 8}.${n & 255}`)) n++;
      spec.clusterIP = `10.96.${n >> 8}.${n & 255}`;
    }
    spec.clusterIPs = [spec.clusterIP as string];
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && Array.isArray(spec.ports)) {
      const used = new Set(
        others.flatMap((s) =>
          (Array.isArray(s.ports) ? s.ports : []).map((p) => (isObject(p) ? p.nodePort : undefined)),
        ),
      );
      let next = 30000;
      for (const port of spec.ports) {
        if (!isObject(port) || port.nodePort) continue;
        while (used.has(next)) next++;
        port.nodePort = next;
        used.add(next);
      }
    }
    return ok(svc);
  }

  /** Without a namespace controller yet, a deleted namespace takes its objects with it at once. */
  private async deleteNamespaceContents(namespace: string): Promise<void> {
    for (const type of RESOURCES) {
      if (!type.namespaced) continue;
      const { items } = await this.store.list(prefixOf(type, namespace));
      for (const kv of items) await this.store.delete(kv.key, kv.modRevision);
    }
  }
}

/** autoscaling/v1 Scale of a workload: spec.replicas, status.replicas and the selector as text. */
function scaleOf(obj: KubeObject): KubeObject {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const status = isObject(obj.status) ? obj.status : {};
  const m = obj.metadata;
  const metadata: KubeObject['metadata'] = { name: m.name, uid: m.uid, resourceVersion: m.resourceVersion };
  if (m.namespace) metadata.namespace = m.namespace;
  metadata.creationTimestamp = m.creationTimestamp;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata,
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 0 },
    status: {
      replicas: typeof status.replicas === 'number' ? status.replicas : 0,
      selector: formatLabelSelector(spec.selector),
    },
  };
}

function decode(kv: KeyValue): KubeObject {
  const obj = JSON.parse(kv.value) as KubeObject;
  obj.metadata.resourceVersion = String(kv.modRevision);
  return obj;
}

function stripRv(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  delete copy.metadata.resourceVersion;
  return copy;
}

const encode = (obj: KubeObject): string => JSON.stringify(obj);
