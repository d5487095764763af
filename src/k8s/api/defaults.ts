import { isObject, type Json, type JsonObject, type KubeObject } from './meta.js';

/**
 * The defaulting the real API server applies on decode
 * (pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go), limited to
 * the fields `kubectl get -o yaml` users look at.
 */
export function applyDefaults(kind: string, obj: KubeObject): void {
  switch (kind) {
    case 'Pod':
      if (isObject(obj.spec)) defaultPodSpec(obj.spec);
      break;
    case 'Service':
      if (isObject(obj.spec)) defaultServiceSpec(obj.spec);
      break;
    case 'Deployment':
      if (isObject(obj.spec)) defaultDeploymentSpec(obj.spec);
      break;
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
    case 'CronJob':
      if (isObject(obj.spec)) WORKLOAD_DEFAULTS[kind](obj.spec);
      break;
    case 'Namespace':
      obj.spec = isObject(obj.spec) ? obj.spec : {};
      (obj.spec as JsonObject).finalizers ??= ['kubernetes'];
      break;
  }
}

const setDefault = (o: JsonObject, key: string, value: JsonObject[string]) => {
  if (o[key] === undefined) o[key] = value;
};

function imagePullPolicy(image: string): string {
  // Always for :latest and untagged images, IfNotPresent otherwise (digests included).
  if (image.includes('@')) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: JsonObject): void {
  if (typeof c.image === 'string') setDefault(c, 'imagePullPolicy', imagePullPolicy(c.image));
  setDefault(c, 'resources', {});
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObject(p)) setDefault(p, 'protocol', 'TCP');
}

export function defaultPodSpec(spec: JsonObject): void {
  for (const list of ['initContainers', 'containers']) {
    const containers = spec[list];
    if (Array.isArray(containers)) for (const c of containers) if (isObject(c)) defaultContainer(c);
  }
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'enableServiceLinks', true);
}

function defaultServiceSpec(spec: JsonObject): void {
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.type !== 'ExternalName') {
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
    setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (Array.isArray(spec.ports)) {
    for (const p of spec.ports) {
      if (!isObject(p)) continue;
      setDefault(p, 'protocol', 'TCP');
      if (p.port !== undefined) setDefault(p, 'targetPort', p.port);
    }
  }
}

function defaultDeploymentSpec(spec: JsonObject): void {
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  setDefault(spec, 'strategy', {});
  const strategy = spec.strategy as JsonObject;
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    setDefault(strategy, 'rollingUpdate', {});
    const ru = strategy.rollingUpdate as JsonObject;
    setDefault(ru, 'maxSurge', '25%');
    setDefault(ru, 'maxUnavailable', '25%');
  }
  const template = spec.template;
  if (isObject(template)) {
    setDefault(template, 'metadata', {});
    // Go's zero metav1.Time marshals as null; real servers echo it back.
    if (isObject(template.metadata)) setDefault(template.metadata, 'creationTimestamp', null);
    if (isObject(template.spec)) defaultPodSpec(template.spec);
  }
}

function defaultTemplate(template: Json | undefined): void {
  if (!isObject(template)) return;
  setDefault(template, 'metadata', {});
  if (isObject(template.metadata)) setDefault(template.metadata, 'creationTimestamp', null);
  if (isObject(template.spec)) defaultPodSpec(template.spec);
}

function defaultJobSpec(spec: JsonObject): void {
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'completions', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  defaultTemplate(spec.template);
}

/** apps/v1 and batch/v1 defaults (pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go). */
const WORKLOAD_DEFAULTS: Record<string, (spec: JsonObject) => void> = {
  ReplicaSet: (spec) => {
    setDefault(spec, 'replicas', 1);
    defaultTemplate(spec.template);
  },
  StatefulSet: (spec) => {
    setDefault(spec, 'replicas', 1);
    setDefault(spec, 'podManagementPolicy', 'OrderedReady');
    setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    setDefault(spec, 'revisionHistoryLimit', 10);
    setDefault(spec, 'persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' });
    defaultTemplate(spec.template);
  },
  DaemonSet: (spec) => {
    setDefault(spec, 'updateStrategy', {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    setDefault(spec, 'revisionHistoryLimit', 10);
    defaultTemplate(spec.template);
  },
  Job: defaultJobSpec,
  CronJob: (spec) => {
    setDefault(spec, 'concurrencyPolicy', 'Allow');
    setDefault(spec, 'suspend', false);
    setDefault(spec, 'successfulJobsHistoryLimit', 3);
    setDefault(spec, 'failedJobsHistoryLimit', 1);
    const job = isObject(spec.jobTemplate) ? spec.jobTemplate : undefined;
    if (job && isObject(job.spec)) {
      // The template's Job is defaulted only where the CronJob strategy does: its pod template.
      defaultTemplate(job.spec.template);
    }
  },
};
