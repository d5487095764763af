import { isObject, type Json, type JsonObject, type KubeObject } from './meta.js';
import type { ResourceType } from './resources.js';

/**
 * The validation the real API server answers with 422 Invalid (pkg/apis/core/validation,
 * apps/validation), for the fields kubectl users trip over: object names,
 * pod containers, service ports, workload selectors. Each problem is a
 * field path and field.Error's body (`Required value`, `Invalid value: …`).
 */
export interface FieldProblem {
  field: string;
  message: string;
  type: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueDuplicate' | 'FieldValueNotSupported';
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** Go's %#v of the values field.Invalid shows: strings quoted, numbers bare. */
function goValue(v: Json | undefined): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (isObject(v))
    return `map[string]string{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${JSON.stringify(v[k])}`)
      .join(', ')}}`;
  return v === undefined || v === null ? 'null' : String(v);
}

const required = (field: string): FieldProblem => ({
  field,
  message: 'Required value',
  type: 'FieldValueRequired',
});
const invalidValue = (field: string, value: Json | undefined, detail: string): FieldProblem => ({
  field,
  message: `Invalid value: ${goValue(value)}: ${detail}`,
  type: 'FieldValueInvalid',
});
const duplicate = (field: string, value: Json): FieldProblem => ({
  field,
  message: `Duplicate value: ${goValue(value)}`,
  type: 'FieldValueDuplicate',
});
const unsupported = (field: string, value: Json, supported: string[]): FieldProblem => ({
  field,
  message: `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  type: 'FieldValueNotSupported',
});

/** validation.IsDNS1123Label and friends: the messages the real validators return, in their order. */
function nameProblems(kind: 'label' | 'subdomain' | 'dns1035', value: string): string[] {
  const [max, re, msg] =
    kind === 'label'
      ? [63, DNS1123_LABEL, LABEL_MSG]
      : kind === 'subdomain'
        ? [253, DNS1123_SUBDOMAIN, SUBDOMAIN_MSG]
        : [63, DNS1035_LABEL, DNS1035_MSG];
  const out: string[] = [];
  if (value.length > max) out.push(`must be no more than ${max} characters`);
  if (!re.test(value)) out.push(msg);
  return out;
}

function checkName(
  field: string,
  value: Json | undefined,
  kind: 'label' | 'subdomain' | 'dns1035',
): FieldProblem[] {
  if (typeof value !== 'string' || value === '') return [required(field)];
  return nameProblems(kind, value).map((m) => invalidValue(field, value, m));
}

/** Which name rule each kind's ValidateObjectMeta applies. */
function nameRule(kind: string): 'label' | 'subdomain' | 'dns1035' | 'path' {
  if (kind === 'Namespace') return 'label';
  if (kind === 'Service') return 'dns1035';
  if (['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].includes(kind)) return 'path';
  return 'subdomain';
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const validPort = (p: Json | undefined) =>
  typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 65535;
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const obj = (v: Json | undefined): JsonObject => (isObject(v) ? v : {});

function containerProblems(path: string, containers: Json[], names: Set<string>): FieldProblem[] {
  const out: FieldProblem[] = [];
  containers.forEach((raw, i) => {
    const c = obj(raw);
    const at = `${path}[${i}]`;
    if (typeof c.name !== 'string' || c.name === '') out.push(required(`${at}.name`));
    else {
      out.push(...nameProblems('label', c.name).map((m) => invalidValue(`${at}.name`, c.name, m)));
      if (names.has(c.name)) out.push(duplicate(`${at}.name`, c.name));
      names.add(c.name);
    }
    if (typeof c.image !== 'string' || c.image.trim() === '') out.push(required(`${at}.image`));
    list(c.ports).forEach((rawPort, j) => {
      const p = obj(rawPort);
      const pat = `${at}.ports[${j}]`;
      if (p.containerPort === undefined || p.containerPort === 0) out.push(required(`${pat}.containerPort`));
      else if (!validPort(p.containerPort))
        out.push(invalidValue(`${pat}.containerPort`, p.containerPort, PORT_RANGE));
      if (p.protocol !== undefined && !PROTOCOLS.includes(String(p.protocol)))
        out.push(unsupported(`${pat}.protocol`, p.protocol, PROTOCOLS));
    });
  });
  return out;
}

export function podSpecProblems(path: string, spec: Json | undefined): FieldProblem[] {
  const s = obj(spec);
  const names = new Set<string>();
  const out = containerProblems(`${path}.initContainers`, list(s.initContainers), names);
  const containers = list(s.containers);
  if (containers.length === 0) out.push(required(`${path}.containers`));
  out.push(...containerProblems(`${path}.containers`, containers, names));
  return out;
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function serviceProblems(spec: Json | undefined): FieldProblem[] {
  const s = obj(spec);
  const out: FieldProblem[] = [];
  const type = s.type ?? 'ClusterIP';
  if (!SERVICE_TYPES.includes(String(type))) out.push(unsupported('spec.type', type, SERVICE_TYPES));
  const ports = list(s.ports);
  if (ports.length === 0 && s.clusterIP !== 'None' && type !== 'ExternalName')
    out.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const p = obj(raw);
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && (p.name === undefined || p.name === '')) out.push(required(`${at}.name`));
    else if (typeof p.name === 'string' && p.name !== '') {
      out.push(...nameProblems('label', p.name).map((m) => invalidValue(`${at}.name`, p.name, m)));
      if (names.has(p.name)) out.push(duplicate(`${at}.name`, p.name));
      names.add(p.name);
    }
    if (!validPort(p.port)) out.push(invalidValue(`${at}.port`, p.port, PORT_RANGE));
    if (p.protocol !== undefined && !PROTOCOLS.includes(String(p.protocol)))
      out.push(unsupported(`${at}.protocol`, p.protocol, PROTOCOLS));
    if (typeof p.targetPort === 'number' && !validPort(p.targetPort))
      out.push(invalidValue(`${at}.targetPort`, p.targetPort, PORT_RANGE));
  });
  return out;
}

/** A workload's selector must be there and select its own template (apps/validation). */
function workloadProblems(spec: Json | undefined, templatePath = 'spec.template'): FieldProblem[] {
  const s = obj(spec);
  const out: FieldProblem[] = [];
  const selector = obj(s.selector);
  const matchLabels = obj(selector.matchLabels);
  const labels = obj(obj(obj(s.template).metadata).labels);
  if (
    !isObject(s.selector) ||
    (Object.keys(matchLabels).length === 0 && list(selector.matchExpressions).length === 0)
  )
    out.push(required('spec.selector'));
  else if (Object.entries(matchLabels).some(([k, v]) => labels[k] !== v))
    out.push(
      invalidValue(
        `${templatePath}.metadata.labels`,
        obj(obj(obj(s.template).metadata).labels),
        '`selector` does not match template `labels`',
      ),
    );
  if (typeof s.replicas === 'number' && s.replicas < 0)
    out.push(invalidValue('spec.replicas', s.replicas, 'must be greater than or equal to 0'));
  out.push(...podSpecProblems(`${templatePath}.spec`, obj(s.template).spec));
  return out;
}

/** Problems of an object about to be stored; empty when it is valid. */
export function validate(type: ResourceType, object: KubeObject): FieldProblem[] {
  const out: FieldProblem[] = [];
  const rule = nameRule(type.kind);
  const name = object.metadata.name;
  if (rule === 'path') {
    if (!name) out.push(required('metadata.name'));
    else if (name === '.' || name === '..' || /[/%]/.test(name))
      out.push(
        invalidValue(
          'metadata.name',
          name,
          name.includes('/')
            ? `may not contain '/'`
            : name.includes('%')
              ? `may not contain '%'`
              : `may not be '${name}'`,
        ),
      );
  } else out.push(...checkName('metadata.name', name, rule));
  if (type.namespaced && !object.metadata.namespace) out.push(required('metadata.namespace'));
  const spec = object.spec as Json | undefined;
  switch (type.kind) {
    case 'Pod':
      out.push(...podSpecProblems('spec', spec));
      break;
    case 'Service':
      out.push(...serviceProblems(spec));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      out.push(...workloadProblems(spec));
      break;
    case 'Job':
      out.push(...podSpecProblems('spec.template.spec', obj(obj(spec).template).spec));
      break;
    case 'CronJob': {
      const s = obj(spec);
      if (typeof s.schedule !== 'string' || s.schedule === '') out.push(required('spec.schedule'));
      out.push(
        ...podSpecProblems(
          'spec.jobTemplate.spec.template.spec',
          obj(obj(obj(s.jobTemplate).spec).template).spec,
        ),
      );
      break;
    }
  }
  return out;
}
