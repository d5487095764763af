/** The object shapes shared by every kind (apimachinery's ObjectMeta, Status, lists). */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: Json | undefined;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'Expired'
  | 'Gone'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'InternalError';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message: string; field?: string }[];
}

/** A failure as the real API server reports it: HTTP code plus a metav1.Status body. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

export function failure(
  code: number,
  reason: StatusReason | undefined,
  message: string,
  details?: StatusDetails,
): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code };
  if (reason) status.reason = reason;
  if (details) status.details = details;
  return status;
}

/** k8s.io/apimachinery/pkg/api/errors: the resource in details is the plural; group only when not core. */
function resourceDetails(resource: { group: string; plural: string }, name: string): StatusDetails {
  return resource.group
    ? { name, group: resource.group, kind: resource.plural }
    : { name, kind: resource.plural };
}

const qualified = (r: { group: string; plural: string }) => (r.group ? `${r.plural}.${r.group}` : r.plural);

export const notFound = (r: { group: string; plural: string }, name: string): Status =>
  failure(404, 'NotFound', `${qualified(r)} "${name}" not found`, resourceDetails(r, name));

export const alreadyExists = (r: { group: string; plural: string }, name: string): Status =>
  failure(409, 'AlreadyExists', `${qualified(r)} "${name}" already exists`, resourceDetails(r, name));

export const conflict = (r: { group: string; plural: string }, name: string): Status =>
  failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    resourceDetails(r, name),
  );

export const badRequest = (message: string): Status => failure(400, 'BadRequest', message);

/** apimachinery's NewInvalid: `Kind "name" is invalid: field: message`. */
export function invalid(
  r: { group: string; kind: string },
  name: string,
  causes: { field: string; message: string; type?: string }[],
): Status {
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  // schema.GroupKind's String(): `Deployment.apps`, plain `Pod` for core.
  const kind = r.group ? `${r.kind}.${r.group}` : r.kind;
  const message = `${kind} "${name}" is invalid: ${list.length === 1 ? list[0] : `[${list.join(', ')}]`}`;
  const details: StatusDetails = {
    name,
    kind: r.kind,
    causes: causes.map((c) => ({
      reason: c.type ?? 'FieldValueInvalid',
      message: c.message,
      field: c.field,
    })),
  };
  if (r.group) details.group = r.group;
  return failure(422, 'Invalid', message, details);
}

export const expired = (message: string): Status => failure(410, 'Expired', message);
