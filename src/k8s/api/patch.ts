import { isObject, type Json, type JsonObject } from './meta.js';

export type PatchType =
  'application/merge-patch+json' | 'application/strategic-merge-patch+json' | 'application/json-patch+json';

export class PatchError extends Error {}

const clone = <T extends Json>(v: T): T => structuredClone(v);

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

/**
 * The merge keys of built-in list fields (`patchMergeKey` tags in
 * k8s.io/api); lists not named here are replaced whole, as Kubernetes does
 * for fields without a merge strategy.
 */
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'conditions':
      return 'type';
    case 'hostAliases':
      return 'ip';
    case 'ownerReferences':
      return 'uid';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports':
      // Container ports merge on containerPort, Service ports on port.
      return items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  }
  return undefined;
}

/** Primitive lists with patchStrategy "merge": union instead of replace. */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

/** Strategic merge patch for built-in types, with the directives client-side apply sends. */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return clone(rest);
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  const orders: Record<string, Json[]> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys') continue;
    if (k.startsWith('$setElementOrder/')) {
      if (Array.isArray(v)) orders[k.slice('$setElementOrder/'.length)] = v;
      continue;
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const remove = Array.isArray(v) ? v : [];
      if (Array.isArray(out[field])) out[field] = (out[field] as Json[]).filter((x) => !remove.includes(x));
      continue;
    }
    if (v === null) delete out[k];
    else if (isObject(v) && v.$patch === 'delete') delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(k, Array.isArray(out[k]) ? (out[k] as Json[]) : [], v);
    else out[k] = strategicMergePatch(out[k] ?? null, v);
  }
  for (const [field, order] of Object.entries(orders)) {
    if (Array.isArray(out[field])) out[field] = reorder(field, out[field] as Json[], order);
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys.filter((k): k is string => typeof k === 'string'));
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return out;
}

function mergeList(field: string, current: Json[], patch: Json[]): Json[] {
  if (patch.some((i) => isObject(i) && i.$patch === 'replace'))
    return clone(patch.filter((i) => !(isObject(i) && i.$patch === 'replace')));
  if (MERGED_PRIMITIVE_LISTS.has(field)) return [...current, ...patch.filter((x) => !current.includes(x))];
  const key = mergeKeyFor(field, [...current, ...patch]);
  if (!key) return clone(patch);
  const out = [...current];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const at = out.findIndex((c) => isObject(c) && c[key] === item[key]);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = strategicMergePatch(out[at], item);
    else out.push(strategicMergePatch(null, item));
  }
  return out;
}

/** Order `items` as `$setElementOrder` says; items it does not name keep their place after those it does. */
function reorder(field: string, items: Json[], order: Json[]): Json[] {
  const key = mergeKeyFor(field, items);
  const id = (x: Json) => (key && isObject(x) ? x[key] : x);
  const rank = (x: Json) => {
    const i = order.findIndex((o) => id(o) === id(x));
    return i < 0 ? order.length : i;
  };
  return items
    .map((x, i) => ({ x, i }))
    .sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i)
    .map(({ x }) => x);
}

/** RFC 6902 JSON patch. */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops))
    throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(target);
  for (const raw of ops) {
    const op = isObject(raw) ? raw : {};
    const path = typeof op.path === 'string' ? op.path : '';
    switch (op.op) {
      case 'add':
        doc = setAt(doc, path, clone(op.value ?? null), true);
        break;
      case 'replace':
        getAt(doc, path);
        doc = setAt(doc, path, clone(op.value ?? null), false);
        break;
      case 'remove':
        getAt(doc, path);
        doc = removeAt(doc, path);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(op.value))
          throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      case 'move':
      case 'copy': {
        const from = typeof op.from === 'string' ? op.from : '';
        const value = clone(getAt(doc, from));
        if (op.op === 'move') doc = removeAt(doc, from);
        doc = setAt(doc, path, value, true);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return doc;
}

const tokens = (path: string): string[] =>
  path === ''
    ? []
    : path
        .slice(1)
        .split('/')
        .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));

function getAt(doc: Json, path: string): Json {
  let cur: Json = doc;
  for (const t of tokens(path)) {
    if (Array.isArray(cur) && /^\d+$/.test(t) && Number(t) < cur.length) cur = cur[Number(t)];
    else if (isObject(cur) && t in cur) cur = cur[t];
    else throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function parentOf(doc: Json, path: string): { parent: Json; last: string } {
  const ts = tokens(path);
  const last = ts.pop();
  if (last === undefined) throw new PatchError(`unable to operate on the root of the document`);
  const parentPath = ts.map((t) => '/' + t.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
  return { parent: getAt(doc, parentPath), last };
}

function setAt(doc: Json, path: string, value: Json, insert: boolean): Json {
  if (path === '') return value;
  const { parent, last } = parentOf(doc, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i > parent.length)
      throw new PatchError(`add operation does not apply: doc is missing path: "${path}": missing value`);
    if (insert) parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (isObject(parent)) parent[last] = value;
  else throw new PatchError(`doc is missing path: "${path}": missing value`);
  return doc;
}

function removeAt(doc: Json, path: string): Json {
  const { parent, last } = parentOf(doc, path);
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObject(parent)) delete parent[last];
  return doc;
}

export function applyPatch(type: PatchType, target: Json, patch: Json): Json {
  switch (type) {
    case 'application/merge-patch+json':
      return mergePatch(target, patch);
    case 'application/strategic-merge-patch+json':
      return strategicMergePatch(target, patch);
    case 'application/json-patch+json':
      return jsonPatch(target, patch);
  }
}
