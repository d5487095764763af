import { isObject, type Json } from './meta.js';

/**
 * The known fields of each kind, as far as server-side field validation
 * (`fieldValidation=Strict|Warn`) checks them: a tree of field names whose
 * leaves are `true` (any value: scalars, maps, and structures not described
 * here yet) and whose `[shape]` entries are lists of that shape. Unknown
 * fields are reported with the real decoder's paths, e.g.
 * `spec.containers[0].imagee`.
 */
export type Shape = true | { readonly [field: string]: Shape } | readonly [Shape];

const any = true as const;
const fields = (names: string): Record<string, Shape> =>
  Object.fromEntries(
    names
      .split(/\s+/)
      .filter(Boolean)
      .map((n) => [n, any]),
  );

const OBJECT_META: Shape = fields(`name generateName namespace selfLink uid resourceVersion generation
  creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences
  finalizers managedFields`);

const CONTAINER: Shape = {
  ...fields(`name image command args workingDir envFrom env resources resizePolicy restartPolicy
    volumeMounts volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath
    terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty`),
  ports: [fields('name hostPort containerPort protocol hostIP')],
};

const POD_SPEC: Shape = {
  ...fields(`volumes ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds
    dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork
    hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity
    schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName
    enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers
    schedulingGates resourceClaims resources`),
  initContainers: [CONTAINER],
  containers: [CONTAINER],
};

const TEMPLATE: Shape = { metadata: OBJECT_META, spec: POD_SPEC };

const JOB_SPEC: Shape = {
  ...fields(`parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit
    backoffLimitPerIndex maxFailedIndexes selector manualSelector ttlSecondsAfterFinished completionMode suspend
    podReplacementPolicy managedBy`),
  template: TEMPLATE,
};

const SERVICE_SPEC: Shape = {
  ...fields(`selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP
    loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses
    sessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass
    internalTrafficPolicy trafficDistribution`),
  ports: [fields('name protocol appProtocol port targetPort nodePort')],
};

/** Top-level fields per kind (beyond apiVersion, kind, metadata). */
const KINDS: Record<string, Record<string, Shape>> = {
  Pod: { spec: POD_SPEC, status: any },
  Service: { spec: SERVICE_SPEC, status: any },
  ConfigMap: fields('data binaryData immutable'),
  Namespace: { spec: fields('finalizers'), status: any },
  Node: fields('spec status'),
  Endpoints: fields('subsets'),
  ServiceAccount: fields('secrets imagePullSecrets automountServiceAccountToken'),
  Event: fields(`involvedObject reason message source firstTimestamp lastTimestamp count type eventTime
    series action related reportingComponent reportingInstance`),
  Deployment: {
    spec: {
      ...fields(
        'replicas selector strategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds',
      ),
      template: TEMPLATE,
    },
    status: any,
  },
  ReplicaSet: { spec: { ...fields('replicas minReadySeconds selector'), template: TEMPLATE }, status: any },
  StatefulSet: {
    spec: {
      ...fields(`replicas selector volumeClaimTemplates serviceName podManagementPolicy updateStrategy
        revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy ordinals`),
      template: TEMPLATE,
    },
    status: any,
  },
  DaemonSet: {
    spec: { ...fields('selector updateStrategy minReadySeconds revisionHistoryLimit'), template: TEMPLATE },
    status: any,
  },
  Job: { spec: JOB_SPEC, status: any },
  CronJob: {
    spec: {
      ...fields(`schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend successfulJobsHistoryLimit
        failedJobsHistoryLimit`),
      jobTemplate: { metadata: OBJECT_META, spec: JOB_SPEC },
    },
    status: any,
  },
  NetworkPolicy: { spec: fields('podSelector ingress egress policyTypes') },
  Ingress: { spec: fields('ingressClassName defaultBackend tls rules'), status: any },
  Lease: {
    spec: fields(`holderIdentity leaseDurationSeconds acquireTime renewTime leaseTransitions strategy
      preferredHolder`),
  },
  EndpointSlice: fields('addressType endpoints ports'),
  Role: fields('rules'),
  ClusterRole: fields('rules aggregationRule'),
  RoleBinding: fields('subjects roleRef'),
  ClusterRoleBinding: fields('subjects roleRef'),
};

function walk(shape: Shape, value: Json | undefined, path: string, out: string[]): void {
  if (shape === true || value === undefined || value === null) return;
  if (Array.isArray(shape)) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(shape[0], v, `${path}[${i}]`, out));
    return;
  }
  if (!isObject(value)) return;
  const known = shape as { readonly [field: string]: Shape };
  for (const [key, v] of Object.entries(value)) {
    // Strategic merge patch directives ($patch, $setElementOrder/…, $retainKeys) are not fields.
    if (key.startsWith('$')) continue;
    const child = known[key];
    const at = path ? `${path}.${key}` : key;
    if (child === undefined) out.push(at);
    else walk(child, v, at, out);
  }
}

/** Paths of the fields in `body` that `kind` does not have, in document order; none for kinds not described. */
export function unknownFields(kind: string, body: Json): string[] {
  const top = KINDS[kind];
  if (!top) return [];
  const out: string[] = [];
  walk({ apiVersion: any, kind: any, metadata: OBJECT_META, ...top }, body, '', out);
  return out;
}
