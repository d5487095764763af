/**
 * The REST half of client-go: typed requests against the API server over
 * HTTP, the same paths kubectl uses, failures surfaced as the server's
 * metav1.Status. Everything inside podpath that talks to the API (the
 * served twin's controllers) goes through this, never through the storage.
 */
import { apiVersionOf, type ResourceType } from '../api/resources.js';
import type { KubeObject, ObjectMeta, Status } from '../api/meta.js';

/** What the client needs of any object: its metadata (typed kinds and plain JSON alike). */
export interface HasMeta {
  metadata: ObjectMeta;
}

export interface RestOptions {
  /** Bearer token sent with every request (the API server's --token-file). */
  readonly token?: string;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
}

export interface WatchOptions {
  readonly resourceVersion?: string;
  readonly allowWatchBookmarks?: boolean;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly signal?: AbortSignal;
}

export interface ObjectList<T extends HasMeta = KubeObject> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { resourceVersion?: string; continue?: string };
  readonly items: T[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T extends HasMeta = KubeObject> {
  readonly type: WatchEventType;
  readonly object: T;
}

/** A request the server refused, with its Status (code, reason, message) as it sent them. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: Partial<Status>,
  ) {
    super(status.message ?? `the server responded with HTTP ${code}`);
    this.name = 'ApiError';
  }

  get reason(): string | undefined {
    return this.status.reason;
  }
}

export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.code === 404;
export const isConflict = (e: unknown): boolean => e instanceof ApiError && e.code === 409;
export const isAlreadyExists = (e: unknown): boolean => e instanceof ApiError && e.reason === 'AlreadyExists';

function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export class RestClient {
  private readonly fetch: typeof fetch;

  constructor(
    readonly baseUrl: string,
    private readonly options: RestOptions = {},
  ) {
    this.fetch = options.fetch ?? fetch;
  }

  /** The collection or object path, as the API server routes it (`/api/v1/...` or `/apis/GROUP/VERSION/...`). */
  path(type: ResourceType, namespace?: string, name?: string, subresource?: string): string {
    const root = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
    const ns = type.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    const obj = name === undefined ? '' : `/${encodeURIComponent(name)}`;
    return `${root}${ns}/${type.plural}${obj}${subresource ? `/${subresource}` : ''}`;
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    signal?: AbortSignal,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = contentType;
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    const res = await this.fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    if (!res.ok) {
      const text = await res.text();
      let status: Partial<Status>;
      try {
        status = JSON.parse(text) as Partial<Status>;
      } catch {
        status = { message: text.trim() || `HTTP ${res.status}` };
      }
      throw new ApiError(res.status, status);
    }
    return res;
  }

  private async json<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    return (await (await this.request(method, path, body, contentType)).json()) as T;
  }

  get<T extends HasMeta>(type: ResourceType, namespace: string | undefined, name: string): Promise<T> {
    return this.json('GET', this.path(type, namespace, name));
  }

  list<T extends HasMeta>(
    type: ResourceType,
    namespace?: string,
    opts: ListOptions = {},
  ): Promise<ObjectList<T>> {
    return this.json('GET', this.path(type, namespace) + query({ ...opts }));
  }

  /** Every page of a list (limit/continue), as the reflector's pager reads it; one resourceVersion. */
  async listAll<T extends HasMeta>(
    type: ResourceType,
    namespace?: string,
    opts: ListOptions = {},
  ): Promise<ObjectList<T>> {
    const first = await this.list<T>(type, namespace, opts);
    const items = [...first.items];
    let next = first.metadata.continue;
    while (next) {
      const page = await this.list<T>(type, namespace, {
        ...opts,
        continue: next,
        resourceVersion: undefined,
      });
      items.push(...page.items);
      next = page.metadata.continue;
    }
    return { ...first, metadata: { resourceVersion: first.metadata.resourceVersion }, items };
  }

  create<T extends HasMeta>(type: ResourceType, obj: T): Promise<T> {
    const body = { apiVersion: apiVersionOf(type), kind: type.kind, ...obj };
    return this.json('POST', this.path(type, obj.metadata.namespace), body);
  }

  update<T extends HasMeta>(type: ResourceType, obj: T, subresource?: 'status'): Promise<T> {
    const body = { apiVersion: apiVersionOf(type), kind: type.kind, ...obj };
    return this.json('PUT', this.path(type, obj.metadata.namespace, obj.metadata.name!, subresource), body);
  }

  patch<T extends HasMeta>(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    kind: 'merge' | 'strategic' | 'json' = 'merge',
  ): Promise<T> {
    const contentType = {
      merge: 'application/merge-patch+json',
      strategic: 'application/strategic-merge-patch+json',
      json: 'application/json-patch+json',
    }[kind];
    return this.json('PATCH', this.path(type, namespace, name), patch, contentType);
  }

  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    propagationPolicy?: 'Orphan' | 'Background' | 'Foreground',
  ): Promise<KubeObject | Status> {
    const body = propagationPolicy
      ? { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy }
      : undefined;
    return this.json('DELETE', this.path(type, namespace, name), body);
  }

  /**
   * A watch as a stream of events, one JSON object per line of the chunked
   * response; ends when the server closes it or `signal` aborts.
   */
  async *watch<T extends HasMeta>(
    type: ResourceType,
    namespace: string | undefined,
    opts: WatchOptions = {},
  ): AsyncGenerator<WatchEvent<T>> {
    const path =
      this.path(type, namespace) +
      query({
        watch: true,
        resourceVersion: opts.resourceVersion,
        allowWatchBookmarks: opts.allowWatchBookmarks,
        labelSelector: opts.labelSelector,
        fieldSelector: opts.fieldSelector,
      });
    const res = await this.request('GET', path, undefined, undefined, opts.signal);
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (line) yield JSON.parse(line) as WatchEvent<T>;
        }
      }
    } catch (error) {
      if (opts.signal?.aborted) return;
      throw error;
    }
  }
}
