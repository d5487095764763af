import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  badRequest,
  failure,
  invalid,
  isObject,
  type Json,
  type JsonObject,
  type KubeObject,
  type Status,
} from '../api/meta.js';
import type { PatchType } from '../api/patch.js';
import { apiVersionOf, findResource, type ResourceType } from '../api/resources.js';
import { parseFieldSelector, parseLabelSelector, SelectorError } from '../api/selectors.js';
import { table, type IncludeObject } from '../api/table.js';
import type { Store } from '../storage/types.js';
import { aggregatedDiscovery, discoveryContentType, negotiateDiscovery } from './aggregated-discovery.js';
import { coreVersions, group, groupList, resourceList, VERSION, versionInfo } from './discovery.js';
import { openapiGroupVersion, openapiRoot } from './openapi.js';
import { unknownFields } from '../api/schema.js';
import type { Page } from './paging.js';
import {
  PROPAGATION_POLICIES,
  Registry,
  type Host,
  type ListOptions,
  type PropagationPolicy,
  type Result,
} from './registry.js';
import { reviewFromProtobuf, selfSubjectAccessReview } from './access-review.js';
import { ProtobufError } from '../api/protobuf.js';
import { objectFromProtobuf } from '../api/proto-schema.js';
import { ANONYMOUS, authenticateBearer, type TokenTable, type UserInfo } from './authn.js';
import { chain, forbidden, unauthorized, type AuthorizationMode, type Authorizer } from './authz.js';
import { RbacAuthorizer } from './rbac.js';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from './rbac-bootstrap.js';
import { requestInfo } from './request-info.js';

/** The real server's default body limit (3 MiB). */
const MAX_BODY = 3 * 1024 * 1024;

const PATCH_TYPES: readonly PatchType[] = [
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/json-patch+json',
];

export interface ApiServerOptions {
  store: Store;
  host: Host;
  /** How often a watch with `allowWatchBookmarks=true` gets a BOOKMARK (the real server: about a minute). */
  bookmarkIntervalMs?: number;
  /**
   * Bytes a watcher may fall behind (written, not yet taken by its
   * connection) before the server ends its watch, as the watch cache drops a
   * watcher whose buffer stays full; it re-watches from its last
   * resourceVersion. 10 MiB by default.
   */
  watchBufferBytes?: number;
  /** What `/version` reports (kubectl's dispatcher picks its client by the minor); v1.32.4 by default. */
  version?: `v${number}.${number}.${number}`;
  /** Serve HTTPS with this PEM certificate and key (`--tls-cert-file`, `--tls-private-key-file`). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Bearer tokens (`--token-file`): with them every request is authenticated, or refused with 401. */
  tokens?: TokenTable;
  /** `--authorization-mode`, in order; AlwaysAllow by default. */
  authorization?: readonly AuthorizationMode[];
  /** `--anonymous-auth` (default true): requests without a token are `system:anonymous`; off under AlwaysAllow, as the real server forces it. */
  anonymous?: boolean;
}

/** Where a request points: a resource collection or one object. */
interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: 'status' | 'scale' | undefined;
}

const LOOPBACK_USER: UserInfo = {
  name: 'system:apiserver',
  uid: '',
  groups: ['system:masters', 'system:authenticated'],
};

const NOT_FOUND = failure(404, 'NotFound', 'the server could not find the requested resource');

/** The kube-apiserver's HTTP surface over a Registry: discovery, CRUD, list, watch, Table output. */
export class ApiServer {
  readonly registry: Registry;
  private readonly http: Server | ReturnType<typeof createTlsServer>;
  private readonly host: Host;
  private readonly bookmarkIntervalMs: number;
  private readonly watchBufferBytes: number;
  private readonly version: JsonObject;
  private readonly tokens: TokenTable | undefined;
  private readonly anonymous: boolean;
  private readonly modes: readonly AuthorizationMode[];
  readonly authorizer: Authorizer;
  private loopbackServer: Server | undefined;

  constructor(options: ApiServerOptions) {
    this.host = options.host;
    this.version = options.version ? versionInfo(options.version) : VERSION;
    this.bookmarkIntervalMs = options.bookmarkIntervalMs ?? 60_000;
    this.watchBufferBytes = options.watchBufferBytes ?? 10 * 1024 * 1024;
    this.registry = new Registry(options.store, options.host);
    this.tokens = options.tokens;
    this.modes = options.authorization ?? ['AlwaysAllow'];
    this.anonymous = (options.anonymous ?? true) && !this.modes.includes('AlwaysAllow');
    this.authorizer = chain(this.modes, () => new RbacAuthorizer(this.registry.rbacSource()));
    this.http = options.tls
      ? createTlsServer(options.tls, this.handler(false))
      : createServer(this.handler(false));
  }

  private handler(loopback: boolean) {
    return (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res, loopback).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (!res.headersSent) send(res, failure(500, 'InternalError', `Internal error occurred: ${message}`));
        else res.destroy();
      });
    };
  }

  /**
   * A plain-HTTP listener on 127.0.0.1 for the server's own controllers,
   * whose requests act as `system:apiserver` in `system:masters`, as
   * kube-apiserver's loopback client does; resolves to its base URL.
   */
  async loopback(): Promise<string> {
    if (!this.loopbackServer) {
      const server = createServer(this.handler(true));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      this.loopbackServer = server;
    }
    return `http://127.0.0.1:${(this.loopbackServer.address() as AddressInfo).port}`;
  }

  /** Bootstrap the default objects (once per store) and listen; resolves to the bound address. */
  async listen(host: string, port: number): Promise<AddressInfo> {
    if ((await this.registry.get(findResource('', 'v1', 'namespaces')!, undefined, 'default')).ok === false)
      await this.registry.bootstrap();
    // As the real server's rbac/bootstrap-roles hook: the default policy is (re)created at every start.
    if (this.modes.includes('RBAC'))
      await this.registry.ensure([...BOOTSTRAP_CLUSTER_ROLES, ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS]);
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve());
    });
    return this.http.address() as AddressInfo;
  }

  async close(): Promise<void> {
    for (const server of [this.http, this.loopbackServer]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse, loopback: boolean): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter((p) => p !== '');
    const method = req.method ?? 'GET';
    const user = loopback ? LOOPBACK_USER : this.authenticate(req);
    if (!user) return send(res, unauthorized());
    const attributes = { ...requestInfo(method, url), user };
    const decision = await this.authorizer.authorize(attributes);
    if (!decision.allowed) return send(res, forbidden(attributes, decision.reason));
    if (method === 'GET') {
      const aggregated = parts.length === 1 ? negotiateDiscovery(req.headers.accept) : undefined;
      if (aggregated && (parts[0] === 'api' || parts[0] === 'apis')) {
        res.writeHead(200, { 'Content-Type': discoveryContentType(aggregated), Vary: 'Accept' });
        return void res.end(JSON.stringify(aggregatedDiscovery(parts[0], aggregated)));
      }
      const doc = this.discovery(parts, req);
      if (doc) return send(res, 200, doc);
      if (['healthz', 'livez', 'readyz'].includes(url.pathname.slice(1))) {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        return void res.end('ok');
      }
    }
    const target = parseTarget(parts);
    if (!target) {
      if (parts[0] === 'api' || parts[0] === 'apis') return send(res, NOT_FOUND);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('404 page not found\n');
    }
    const { type, namespace, name } = target;
    const query = url.searchParams;
    if (type.kind === 'SelfSubjectAccessReview') {
      if (method !== 'POST' || name) return send(res, methodNotAllowed(method));
      const body = await readJson(req, false, reviewFromProtobuf);
      if (!body.ok) return send(res, body.status);
      return sendResult(
        res,
        await selfSubjectAccessReview(body.value, user, this.authorizer),
        req,
        query,
        this.host,
        201,
      );
    }
    switch (method) {
      case 'GET': {
        const options = selectors(query);
        if (!options.ok) return send(res, options.status);
        if (query.get('watch') === 'true' || query.get('watch') === '1')
          return this.watch(req, res, target, options.value, query);
        if (name && target.subresource === 'scale')
          return sendResult(res, await this.registry.getScale(type, namespace, name), req, query, this.host);
        if (name)
          return sendResult(res, await this.registry.get(type, namespace, name), req, query, this.host);
        const page = pageOptions(query);
        if (!page.ok) return send(res, page.status);
        const list = await this.registry.list(type, namespace, options.value, page.value);
        if (!list.ok) return send(res, list.status);
        const { items, ...listMeta } = list.value;
        if (wantsTable(req))
          return send(
            res,
            200,
            table(type.kind, items, this.host.now(), includeObject(query), listMeta as JsonObject),
          );
        return send(res, 200, {
          kind: `${type.kind}List`,
          apiVersion: apiVersionOf(type),
          metadata: listMeta as JsonObject,
          items: items as unknown as Json[],
        });
      }
      case 'POST': {
        if (name) return send(res, methodNotAllowed(method));
        const body = await readJson(req, false, objectFromProtobuf);
        if (!body.ok) return send(res, body.status);
        const checked = fieldValidation(res, query, type, body.value, 'decode');
        if (!checked.ok) return send(res, checked.status);
        const created = await this.registry.create(type, namespace, body.value as KubeObject);
        return sendResult(res, created, req, query, this.host, 201);
      }
      case 'PUT': {
        if (!name) return send(res, methodNotAllowed(method));
        const body = await readJson(req, false, objectFromProtobuf);
        if (!body.ok) return send(res, body.status);
        if (target.subresource === 'scale')
          return sendResult(
            res,
            await this.registry.updateScale(type, namespace, name, body.value),
            req,
            query,
            this.host,
          );
        const checked = fieldValidation(res, query, type, body.value, 'decode');
        if (!checked.ok) return send(res, checked.status);
        return sendResult(
          res,
          await this.registry.update(
            type,
            namespace,
            name,
            body.value as KubeObject,
            target.subresource === 'status' ? 'status' : 'main',
          ),
          req,
          query,
          this.host,
        );
      }
      case 'PATCH': {
        if (!name) return send(res, methodNotAllowed(method));
        const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim() as PatchType;
        if (!PATCH_TYPES.includes(contentType)) {
          return send(
            res,
            failure(
              415,
              'UnsupportedMediaType',
              `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}, application/apply-patch+yaml`,
            ),
          );
        }
        const body = await readJson(req);
        if (!body.ok) return send(res, body.status);
        if (target.subresource === 'scale')
          return sendResult(
            res,
            await this.registry.patchScale(type, namespace, name, contentType, body.value),
            req,
            query,
            this.host,
          );
        const checked = fieldValidation(res, query, type, body.value, 'patch');
        if (!checked.ok) return send(res, checked.status);
        return sendResult(
          res,
          await this.registry.patch(
            type,
            namespace,
            name,
            contentType,
            body.value,
            target.subresource === 'status' ? 'status' : 'main',
          ),
          req,
          query,
          this.host,
        );
      }
      case 'DELETE': {
        if (!name) return send(res, methodNotAllowed(method));
        const body = await readJson(req, true);
        if (!body.ok) return send(res, body.status);
        const pre =
          isObject(body.value) && isObject(body.value.preconditions) ? body.value.preconditions : {};
        const preconditions = {
          resourceVersion: typeof pre.resourceVersion === 'string' ? pre.resourceVersion : undefined,
          uid: typeof pre.uid === 'string' ? pre.uid : undefined,
        };
        const policy = propagationPolicy(isObject(body.value) ? body.value : {}, query);
        if (!policy.ok) return send(res, policy.status);
        return sendResult(
          res,
          await this.registry.delete(type, namespace, name, preconditions, policy.value),
          req,
          query,
          this.host,
        );
      }
      default:
        return send(res, methodNotAllowed(method));
    }
  }

  /** The requesting user; `undefined` means 401. Without a token file every request passes as anonymous. */
  private authenticate(req: IncomingMessage): UserInfo | undefined {
    if (!this.tokens) return ANONYMOUS;
    const result = authenticateBearer(req.headers.authorization, this.tokens);
    if (result === 'invalid') return undefined;
    if (result === 'anonymous') return this.anonymous ? ANONYMOUS : undefined;
    return result.user;
  }

  private discovery(parts: string[], req: IncomingMessage): JsonObject | undefined {
    const path = parts.join('/');
    if (path === 'version') return this.version;
    if (path === 'api')
      return coreVersions(
        req.socket.localAddress ? `${req.socket.localAddress}:${req.socket.localPort ?? 0}` : '',
      );
    if (path === 'apis') return groupList();
    if (path === 'openapi/v3') return openapiRoot();
    if (path.startsWith('openapi/v3/')) return openapiGroupVersion(path.slice('openapi/v3/'.length));
    if (parts[0] === 'api' && parts.length === 2) return resourceList('', parts[1]);
    if (parts[0] === 'apis' && parts.length === 2) return group(parts[1]);
    if (parts[0] === 'apis' && parts.length === 3) return resourceList(parts[1], parts[2]);
    return undefined;
  }

  /** Chunked JSON watch events, one object per line; closes when the client goes away. */
  private async watch(
    req: IncomingMessage,
    res: ServerResponse,
    target: Target,
    options: ListOptions,
    query: URLSearchParams,
  ): Promise<void> {
    const { type, namespace, name } = target;
    const fieldSelector = name
      ? [...options.fieldSelector, { key: 'metadata.name', op: 'in' as const, values: [name] }]
      : options.fieldSelector;
    const asTable = wantsTable(req);
    const include = includeObject(query);
    let first = true;
    // The newest revision this watcher has been sent: what a bookmark may promise.
    let lastRv = Number(query.get('resourceVersion') ?? 0) || 0;
    const write = (eventType: string, object: KubeObject) => {
      lastRv = Math.max(lastRv, Number(object.metadata.resourceVersion ?? 0));
      const payload = asTable
        ? table(
            type.kind,
            [object],
            this.host.now(),
            include,
            { resourceVersion: object.metadata.resourceVersion ?? '' },
            first,
          )
        : object;
      first = false;
      if (res.destroyed) return;
      if (res.writableLength > this.watchBufferBytes) {
        // A slow watcher: stop buffering for it (its memory is bounded), end the watch ('close' cancels it).
        res.destroy();
        return;
      }
      res.write(
        `{"type":${JSON.stringify(eventType)},"object":${asTable ? JSON.stringify(payload) : serialized(object)}}\n`,
      );
    };
    const pending: { type: string; object: KubeObject }[] = [];
    let started = false;
    const result = await this.registry.watch(
      type,
      namespace,
      query.get('resourceVersion') ?? undefined,
      { ...options, fieldSelector },
      (event) => {
        if (started) write(event.type, event.object);
        else pending.push(event);
      },
    );
    if (!result.ok) {
      // An expired resourceVersion is reported inside the stream as an ERROR event, as the real server does.
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.end(JSON.stringify({ type: 'ERROR', object: result.status }) + '\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
    started = true;
    for (const event of pending.splice(0)) write(event.type, event.object);
    let bookmarks: ReturnType<typeof setInterval> | undefined;
    if (query.get('allowWatchBookmarks') === 'true') {
      // A BOOKMARK carries only the kind and a resourceVersion the client may resume from.
      bookmarks = setInterval(() => {
        if (lastRv <= 0) return;
        const object = {
          kind: type.kind,
          apiVersion: apiVersionOf(type),
          metadata: { resourceVersion: String(lastRv) },
        };
        res.write(JSON.stringify({ type: 'BOOKMARK', object }) + '\n');
      }, this.bookmarkIntervalMs);
    }
    res.on('close', () => {
      if (bookmarks) clearInterval(bookmarks);
      result.value.cancel();
    });
  }
}

/** A watched object's JSON, once for every watcher it is sent to (the objects are shared, see decodeShared). */
const serializedObjects = new WeakMap<KubeObject, string>();
function serialized(object: KubeObject): string {
  let text = serializedObjects.get(object);
  if (text === undefined) serializedObjects.set(object, (text = JSON.stringify(object)));
  return text;
}

function parseTarget(parts: string[]): Target | undefined {
  let groupName: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) [groupName, version, rest] = ['', parts[1], parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 4)
    [groupName, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else return undefined;
  let namespace: string | undefined;
  // /namespaces/NS/RESOURCE[/NAME] addresses namespaced objects; /namespaces[/NAME] the namespaces themselves.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 3) return undefined;
  const type = findResource(groupName, version, rest[0]);
  if (!type || (namespace !== undefined && !type.namespaced)) return undefined;
  const sub = rest[2];
  if (sub !== undefined && !type.subresources?.includes(sub as 'status')) return undefined;
  return { type, namespace, name: rest[1], subresource: sub as Target['subresource'] };
}

/**
 * DeleteOptions' propagation policy, from the body or the query, with
 * orphanDependents (deprecated) mapped onto it; ValidateDeleteOptions'
 * errors as 422 on the DeleteOptions kind.
 */
function propagationPolicy(body: JsonObject, query: URLSearchParams): Result<PropagationPolicy | undefined> {
  const policy = body.propagationPolicy ?? query.get('propagationPolicy') ?? undefined;
  const orphanRaw = body.orphanDependents ?? query.get('orphanDependents') ?? undefined;
  const orphan = orphanRaw === undefined || orphanRaw === null ? undefined : String(orphanRaw) === 'true';
  const problems: { field: string; message: string; type: string }[] = [];
  if (policy !== undefined && policy !== null && orphan !== undefined)
    problems.push({
      field: 'propagationPolicy',
      message: 'Invalid value: "": orphanDependents and deletionPropagation cannot be both set',
      type: 'FieldValueInvalid',
    });
  if (policy !== undefined && policy !== null && !PROPAGATION_POLICIES.includes(policy as PropagationPolicy))
    problems.push({
      field: 'propagationPolicy',
      message: `Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan", "nil"`,
      type: 'FieldValueNotSupported',
    });
  if (problems.length)
    return { ok: false, status: invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', problems) };
  if (orphan !== undefined) return { ok: true, value: orphan ? 'Orphan' : 'Background' };
  return { ok: true, value: (policy ?? undefined) as PropagationPolicy | undefined };
}

function selectors(query: URLSearchParams): Result<ListOptions> {
  try {
    return {
      ok: true,
      value: {
        labelSelector: parseLabelSelector(query.get('labelSelector') ?? ''),
        fieldSelector: parseFieldSelector(query.get('fieldSelector') ?? ''),
      },
    };
  } catch (error) {
    if (error instanceof SelectorError) return { ok: false, status: badRequest(error.message) };
    throw error;
  }
}

/** kubectl asks `application/json;as=Table;v=v1;g=meta.k8s.io` first when it prints server-side columns. */
function wantsTable(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.split(',').some((media) => {
    const params = media.split(';').map((p) => p.trim());
    return (
      params.includes('as=Table') &&
      params.includes('g=meta.k8s.io') &&
      (params.includes('v=v1') || params.includes('v=v1beta1'))
    );
  });
}

function pageOptions(query: URLSearchParams): Result<Page> {
  const limit = query.get('limit');
  const page: Page = {};
  if (limit !== null && limit !== '') {
    const n = Number(limit);
    if (!Number.isInteger(n))
      return { ok: false, status: badRequest(`limit: Invalid value: "${limit}": must be an integer`) };
    // limit <= 0 means no limit, as the real server.
    if (n > 0) page.limit = n;
  }
  const token = query.get('continue');
  if (token) page.continue = token;
  return { ok: true, value: page };
}

/**
 * Server-side field validation (KEP-2885): unknown fields are an error with
 * `Strict`, `Warning` headers with `Warn` (the default), ignored with `Ignore`.
 */
function fieldValidation(
  res: ServerResponse,
  query: URLSearchParams,
  type: ResourceType,
  body: Json,
  how: 'decode' | 'patch',
): Result<null> {
  const mode = query.get('fieldValidation') ?? '';
  if (!['', 'Ignore', 'Warn', 'Strict'].includes(mode))
    return {
      ok: false,
      status: badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${mode}"`),
    };
  if (mode === 'Ignore') return { ok: true, value: null };
  const unknown = unknownFields(type.kind, body).map((f) => `unknown field "${f}"`);
  if (unknown.length === 0) return { ok: true, value: null };
  if (mode === 'Strict') {
    const detail = `strict decoding error: ${unknown.join(', ')}`;
    return {
      ok: false,
      status: badRequest(
        how === 'decode'
          ? `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: ${detail}`
          : detail,
      ),
    };
  }
  res.setHeader(
    'Warning',
    unknown.map((w) => `299 - ${JSON.stringify(w)}`),
  );
  return { ok: true, value: null };
}

function includeObject(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

const methodNotAllowed = (_method: string): Status =>
  failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

/** The JSON body; a protobuf one only where the kind has a decoder here (what kubectl's typed clients post). */
async function readJson(
  req: IncomingMessage,
  optional = false,
  fromProtobuf?: (bytes: Uint8Array) => Json,
): Promise<Result<Json>> {
  const contentType = req.headers['content-type'] ?? '';
  const protobuf = contentType.startsWith('application/vnd.kubernetes.protobuf');
  if ((protobuf && !fromProtobuf) || contentType.includes('yaml')) {
    return {
      ok: false,
      status: failure(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json`,
      ),
    };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY)
      return {
        ok: false,
        status: failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY}`),
      };
    chunks.push(chunk);
  }
  if (protobuf && fromProtobuf) {
    try {
      return { ok: true, value: fromProtobuf(Buffer.concat(chunks)) };
    } catch (error) {
      if (error instanceof ProtobufError) return { ok: false, status: badRequest(error.message) };
      throw error;
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '')
    return optional
      ? { ok: true, value: null }
      : { ok: false, status: badRequest('the body of the request was empty') };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (error) {
    return {
      ok: false,
      status: badRequest(
        `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (${error instanceof Error ? error.message : ''})`,
      ),
    };
  }
}

function send(res: ServerResponse, codeOrStatus: number | Status, body?: JsonObject): void {
  const [code, payload] =
    typeof codeOrStatus === 'number' ? [codeOrStatus, body] : [codeOrStatus.code, codeOrStatus];
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function sendResult(
  res: ServerResponse,
  result: Result<KubeObject>,
  req: IncomingMessage,
  query: URLSearchParams,
  host: Host,
  code = 200,
): void {
  if (!result.ok) return send(res, result.status);
  if (wantsTable(req))
    return send(
      res,
      code,
      table(result.value.kind ?? '', [result.value], host.now(), includeObject(query), {
        resourceVersion: result.value.metadata.resourceVersion ?? '',
      }),
    );
  send(res, code, result.value as unknown as JsonObject);
}
