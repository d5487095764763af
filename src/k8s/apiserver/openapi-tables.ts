/**
 * What the OpenAPI schemas need beyond the protobuf tables
 * (api/proto-schema-core.ts, proto-schema-groups.ts): the kinds the server
 * serves but never reads as protobuf, in the same notation without field
 * numbers (`jsonName[:type]`, `T?` pointer, `T[]` list, `{T}` map, `T^`
 * inlined; `int` is int32, and `int64` an extra type), which integers of
 * the protobuf tables are int64, and the `required`
 * lists of the k8s.io/api Go types (their fields without `omitempty`,
 * marked `+required`).
 */
import type { MessageTables } from '../api/proto-schema.js';

export const META_PACKAGE = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const CORE_PACKAGE = 'io.k8s.api.core.v1';

/** The meta/v1 messages among the protobuf core tables; every other one there is core/v1. */
export const META_MESSAGES: ReadonlySet<string> = new Set([
  'ObjectMeta',
  'OwnerReference',
  'ManagedFieldsEntry',
  'LabelSelector',
  'LabelSelectorRequirement',
  'Condition',
]);

/** Kinds (and the messages they reach) without protobuf tables, by schema package. */
export const EXTRA_TABLES: Record<string, MessageTables> = {
  [META_PACKAGE]: {
    ListMeta: `selfLink resourceVersion continue remainingItemCount:int64?`,
    FieldSelectorRequirement: `key operator values:string[]`,
  },
  [CORE_PACKAGE]: {
    Node: `metadata:ObjectMeta spec:NodeSpec status:NodeStatus`,
    NodeSpec: `podCIDR podCIDRs:string[] providerID unschedulable:bool taints:Taint[]
      configSource:NodeConfigSource? externalID`,
    Taint: `key value effect timeAdded:Time?`,
    NodeConfigSource: `configMap:ConfigMapNodeConfigSource?`,
    ConfigMapNodeConfigSource: `namespace name uid resourceVersion kubeletConfigKey`,
    NodeStatus: `capacity:{Quantity} allocatable:{Quantity} phase conditions:NodeCondition[]
      addresses:NodeAddress[] daemonEndpoints:NodeDaemonEndpoints nodeInfo:NodeSystemInfo
      images:ContainerImage[] volumesInUse:string[] volumesAttached:AttachedVolume[] config:NodeConfigStatus?
      runtimeHandlers:NodeRuntimeHandler[] features:NodeFeatures?`,
    NodeCondition: `type status lastHeartbeatTime:Time lastTransitionTime:Time reason message`,
    NodeAddress: `type address`,
    NodeDaemonEndpoints: `kubeletEndpoint:DaemonEndpoint`,
    DaemonEndpoint: `Port:int`,
    NodeSystemInfo: `machineID systemUUID bootID kernelVersion osImage containerRuntimeVersion kubeletVersion
      kubeProxyVersion operatingSystem architecture swap:NodeSwapStatus?`,
    NodeSwapStatus: `capacity:int64?`,
    ContainerImage: `names:string[] sizeBytes:int64`,
    AttachedVolume: `name devicePath`,
    NodeConfigStatus: `assigned:NodeConfigSource? active:NodeConfigSource? lastKnownGood:NodeConfigSource? error`,
    NodeRuntimeHandler: `name features:NodeRuntimeHandlerFeatures?`,
    NodeRuntimeHandlerFeatures: `recursiveReadOnlyMounts:bool? userNamespaces:bool?`,
    NodeFeatures: `supplementalGroupsPolicy:bool?`,
    Endpoints: `metadata:ObjectMeta subsets:EndpointSubset[]`,
    EndpointSubset: `addresses:EndpointAddress[] notReadyAddresses:EndpointAddress[] ports:EndpointPort[]`,
    EndpointAddress: `ip hostname nodeName:string? targetRef:ObjectReference?`,
    EndpointPort: `name port:int protocol appProtocol:string?`,
    Event: `metadata:ObjectMeta involvedObject:ObjectReference reason message source:EventSource
      firstTimestamp:Time lastTimestamp:Time count:int type eventTime:MicroTime series:EventSeries? action
      related:ObjectReference? reportingComponent reportingInstance`,
    EventSource: `component host`,
    EventSeries: `count:int lastObservedTime:MicroTime`,
    PersistentVolumeClaim: `metadata:ObjectMeta spec:PersistentVolumeClaimSpec status:PersistentVolumeClaimStatus`,
    PersistentVolumeClaimSpec: `accessModes:string[] selector:LabelSelector? resources:VolumeResourceRequirements
      volumeName storageClassName:string? volumeMode:string? dataSource:TypedLocalObjectReference?
      dataSourceRef:TypedObjectReference? volumeAttributesClassName:string?`,
    VolumeResourceRequirements: `limits:{Quantity} requests:{Quantity}`,
    TypedObjectReference: `apiGroup:string? kind name namespace:string?`,
    PersistentVolumeClaimStatus: `phase accessModes:string[] capacity:{Quantity}
      conditions:PersistentVolumeClaimCondition[] allocatedResources:{Quantity} allocatedResourceStatuses:{string}
      currentVolumeAttributesClassName:string? modifyVolumeStatus:ModifyVolumeStatus?`,
    PersistentVolumeClaimCondition: `type status lastProbeTime:Time lastTransitionTime:Time reason message`,
    ModifyVolumeStatus: `targetVolumeAttributesClassName status`,
  },
  'io.k8s.api.apps.v1': {
    StatefulSet: `metadata:ObjectMeta spec:StatefulSetSpec status:StatefulSetStatus`,
    StatefulSetSpec: `replicas:int? selector:LabelSelector? template:PodTemplateSpec
      volumeClaimTemplates:PersistentVolumeClaim[] serviceName podManagementPolicy
      updateStrategy:StatefulSetUpdateStrategy revisionHistoryLimit:int? minReadySeconds:int
      persistentVolumeClaimRetentionPolicy:StatefulSetPersistentVolumeClaimRetentionPolicy?
      ordinals:StatefulSetOrdinals?`,
    StatefulSetUpdateStrategy: `type rollingUpdate:RollingUpdateStatefulSetStrategy?`,
    RollingUpdateStatefulSetStrategy: `partition:int? maxUnavailable:IntOrString?`,
    StatefulSetPersistentVolumeClaimRetentionPolicy: `whenDeleted whenScaled`,
    StatefulSetOrdinals: `start:int`,
    StatefulSetStatus: `observedGeneration:int64 replicas:int readyReplicas:int currentReplicas:int
      updatedReplicas:int currentRevision updateRevision collisionCount:int? conditions:StatefulSetCondition[]
      availableReplicas:int`,
    StatefulSetCondition: `type status lastTransitionTime:Time reason message`,
    DaemonSet: `metadata:ObjectMeta spec:DaemonSetSpec status:DaemonSetStatus`,
    DaemonSetSpec: `selector:LabelSelector? template:PodTemplateSpec updateStrategy:DaemonSetUpdateStrategy
      minReadySeconds:int revisionHistoryLimit:int?`,
    DaemonSetUpdateStrategy: `type rollingUpdate:RollingUpdateDaemonSet?`,
    RollingUpdateDaemonSet: `maxUnavailable:IntOrString? maxSurge:IntOrString?`,
    DaemonSetStatus: `currentNumberScheduled:int numberMisscheduled:int desiredNumberScheduled:int numberReady:int
      observedGeneration:int64 updatedNumberScheduled:int numberAvailable:int numberUnavailable:int
      collisionCount:int? conditions:DaemonSetCondition[]`,
    DaemonSetCondition: `type status lastTransitionTime:Time reason message`,
  },
  'io.k8s.api.authorization.v1': {
    SelfSubjectAccessReview: `metadata:ObjectMeta spec:SelfSubjectAccessReviewSpec status:SubjectAccessReviewStatus`,
    SelfSubjectAccessReviewSpec: `resourceAttributes:ResourceAttributes? nonResourceAttributes:NonResourceAttributes?`,
    ResourceAttributes: `namespace verb group version resource subresource name
      fieldSelector:FieldSelectorAttributes? labelSelector:LabelSelectorAttributes?`,
    FieldSelectorAttributes: `rawSelector requirements:FieldSelectorRequirement[]`,
    LabelSelectorAttributes: `rawSelector requirements:LabelSelectorRequirement[]`,
    NonResourceAttributes: `path verb`,
    SubjectAccessReviewStatus: `allowed:bool denied:bool reason evaluationError`,
  },
  'io.k8s.api.networking.v1': {
    NetworkPolicy: `metadata:ObjectMeta spec:NetworkPolicySpec`,
    NetworkPolicySpec: `podSelector:LabelSelector ingress:NetworkPolicyIngressRule[]
      egress:NetworkPolicyEgressRule[] policyTypes:string[]`,
    NetworkPolicyIngressRule: `ports:NetworkPolicyPort[] from:NetworkPolicyPeer[]`,
    NetworkPolicyEgressRule: `ports:NetworkPolicyPort[] to:NetworkPolicyPeer[]`,
    NetworkPolicyPort: `protocol:string? port:IntOrString? endPort:int?`,
    NetworkPolicyPeer: `podSelector:LabelSelector? namespaceSelector:LabelSelector? ipBlock:IPBlock?`,
    IPBlock: `cidr except:string[]`,
  },
  'io.k8s.api.coordination.v1': {
    Lease: `metadata:ObjectMeta spec:LeaseSpec`,
    LeaseSpec: `holderIdentity:string? leaseDurationSeconds:int? acquireTime:MicroTime? renewTime:MicroTime?
      leaseTransitions:int? strategy:string? preferredHolder:string?`,
  },
  'io.k8s.api.discovery.v1': {
    EndpointSlice: `metadata:ObjectMeta addressType endpoints:Endpoint[] ports:EndpointPort[]`,
    Endpoint: `addresses:string[] conditions:EndpointConditions hostname:string? targetRef:ObjectReference?
      deprecatedTopology:{string} nodeName:string? zone:string? hints:EndpointHints?`,
    EndpointConditions: `ready:bool? serving:bool? terminating:bool?`,
    EndpointHints: `forZones:ForZone[]`,
    ForZone: `name`,
    EndpointPort: `name:string? protocol:string? port:int? appProtocol:string?`,
  },
};

/**
 * Fields of the protobuf tables that Kubernetes added after the version this
 * server reports (v1.32), as `Message.field`: the schemas leave them out, as
 * field validation (api/schema.ts) rejects them.
 */
export const NEWER_FIELDS: ReadonlySet<string> = new Set([
  'PodSpec.hostnameOverride', // 1.34
  'Container.restartPolicyRules', // 1.34
  'EnvVarSource.fileKeyRef', // 1.34
  'DeploymentSpec.podReplacementPolicy', // 1.34
  'Lifecycle.stopSignal', // 1.33
  'ContainerStatus.stopSignal', // 1.33
  'PodStatus.observedGeneration', // 1.33
  'PodCondition.observedGeneration', // 1.33
  'DeploymentStatus.terminatingReplicas', // 1.33
  'ReplicaSetStatus.terminatingReplicas', // 1.33
]);

/** The protobuf tables' `int` fields that are int64 in Go (every other one is int32), as `Message.field`. */
export const INT64_FIELDS: ReadonlySet<string> = new Set([
  'ObjectMeta.generation',
  'ObjectMeta.deletionGracePeriodSeconds',
  'Condition.observedGeneration',
  'PodSpec.terminationGracePeriodSeconds',
  'PodSpec.activeDeadlineSeconds',
  'Probe.terminationGracePeriodSeconds',
  'SleepAction.seconds',
  'SecurityContext.runAsUser',
  'SecurityContext.runAsGroup',
  'Ulimit.hard',
  'Ulimit.soft',
  'PodSecurityContext.runAsUser',
  'PodSecurityContext.runAsGroup',
  'PodSecurityContext.supplementalGroups',
  'PodSecurityContext.fsGroup',
  'Toleration.tolerationSeconds',
  'ServiceAccountTokenProjection.expirationSeconds',
  'DeploymentStatus.observedGeneration',
  'ReplicaSetStatus.observedGeneration',
  'JobSpec.activeDeadlineSeconds',
  'CronJobSpec.startingDeadlineSeconds',
]);

const required = (names: string) => names.split(' ');

/** `required` per schema (package-qualified, without the `io.k8s.` prefix), as the real schemas list them. */
export const REQUIRED: Record<string, readonly string[]> = {
  // meta/v1
  'apimachinery.pkg.apis.meta.v1.OwnerReference': required('apiVersion kind name uid'),
  'apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': required('key operator'),
  'apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement': required('key operator'),
  'apimachinery.pkg.apis.meta.v1.Condition': required('type status lastTransitionTime reason message'),
  // core/v1
  'api.core.v1.NamespaceCondition': required('type status'),
  'api.core.v1.TypedLocalObjectReference': required('kind name'),
  'api.core.v1.TypedObjectReference': required('kind name'),
  'api.core.v1.ServicePort': required('port'),
  'api.core.v1.PortStatus': required('port protocol'),
  'api.core.v1.PodSpec': required('containers'),
  'api.core.v1.Container': required('name'),
  'api.core.v1.EphemeralContainer': required('name'),
  'api.core.v1.ContainerPort': required('containerPort'),
  'api.core.v1.ContainerResizePolicy': required('resourceName restartPolicy'),
  'api.core.v1.ContainerRestartRule': required('action'),
  'api.core.v1.ContainerRestartRuleOnExitCodes': required('operator'),
  'api.core.v1.EnvVar': required('name'),
  'api.core.v1.ObjectFieldSelector': required('fieldPath'),
  'api.core.v1.ResourceFieldSelector': required('resource'),
  'api.core.v1.ConfigMapKeySelector': required('key'),
  'api.core.v1.SecretKeySelector': required('key'),
  'api.core.v1.FileKeySelector': required('volumeName path key'),
  'api.core.v1.ResourceClaim': required('name'),
  'api.core.v1.VolumeMount': required('name mountPath'),
  'api.core.v1.VolumeDevice': required('name devicePath'),
  'api.core.v1.HTTPGetAction': required('port'),
  'api.core.v1.HTTPHeader': required('name value'),
  'api.core.v1.TCPSocketAction': required('port'),
  'api.core.v1.GRPCAction': required('port'),
  'api.core.v1.SleepAction': required('seconds'),
  'api.core.v1.SeccompProfile': required('type'),
  'api.core.v1.AppArmorProfile': required('type'),
  'api.core.v1.Ulimit': required('name hard soft'),
  'api.core.v1.Sysctl': required('name value'),
  'api.core.v1.NodeSelector': required('nodeSelectorTerms'),
  'api.core.v1.NodeSelectorRequirement': required('key operator'),
  'api.core.v1.PreferredSchedulingTerm': required('weight preference'),
  'api.core.v1.PodAffinityTerm': required('topologyKey'),
  'api.core.v1.WeightedPodAffinityTerm': required('weight podAffinityTerm'),
  'api.core.v1.HostAlias': required('ip'),
  'api.core.v1.PodReadinessGate': required('conditionType'),
  'api.core.v1.TopologySpreadConstraint': required('maxSkew topologyKey whenUnsatisfiable'),
  'api.core.v1.PodOS': required('name'),
  'api.core.v1.PodSchedulingGate': required('name'),
  'api.core.v1.PodResourceClaim': required('name'),
  'api.core.v1.PodCondition': required('type status'),
  'api.core.v1.HostIP': required('ip'),
  'api.core.v1.PodIP': required('ip'),
  'api.core.v1.ContainerStatus': required('name ready restartCount image imageID'),
  'api.core.v1.ContainerStateTerminated': required('exitCode'),
  'api.core.v1.PodResourceClaimStatus': required('name'),
  'api.core.v1.Volume': required('name'),
  'api.core.v1.HostPathVolumeSource': required('path'),
  'api.core.v1.NFSVolumeSource': required('server path'),
  'api.core.v1.PersistentVolumeClaimVolumeSource': required('claimName'),
  'api.core.v1.DownwardAPIVolumeFile': required('path'),
  'api.core.v1.KeyToPath': required('key path'),
  'api.core.v1.ServiceAccountTokenProjection': required('path'),
  'api.core.v1.CSIVolumeSource': required('driver'),
  'api.core.v1.Taint': required('key effect'),
  'api.core.v1.ConfigMapNodeConfigSource': required('namespace name kubeletConfigKey'),
  'api.core.v1.NodeCondition': required('type status'),
  'api.core.v1.NodeAddress': required('type address'),
  'api.core.v1.DaemonEndpoint': required('Port'),
  'api.core.v1.NodeSystemInfo': required(
    'machineID systemUUID bootID kernelVersion osImage containerRuntimeVersion kubeletVersion kubeProxyVersion operatingSystem architecture',
  ),
  'api.core.v1.AttachedVolume': required('name devicePath'),
  'api.core.v1.EndpointAddress': required('ip'),
  'api.core.v1.EndpointPort': required('port'),
  'api.core.v1.Event': required('metadata involvedObject'),
  'api.core.v1.PersistentVolumeClaimCondition': required('type status'),
  'api.core.v1.ModifyVolumeStatus': required('status'),
  // apps/v1
  'api.apps.v1.DeploymentSpec': required('selector template'),
  'api.apps.v1.DeploymentCondition': required('type status'),
  'api.apps.v1.ReplicaSetSpec': required('selector'),
  'api.apps.v1.ReplicaSetStatus': required('replicas'),
  'api.apps.v1.ReplicaSetCondition': required('type status'),
  'api.apps.v1.StatefulSetSpec': required('selector template'),
  'api.apps.v1.StatefulSetStatus': required('replicas'),
  'api.apps.v1.StatefulSetCondition': required('type status'),
  'api.apps.v1.DaemonSetSpec': required('selector template'),
  'api.apps.v1.DaemonSetStatus': required(
    'currentNumberScheduled numberMisscheduled desiredNumberScheduled numberReady',
  ),
  'api.apps.v1.DaemonSetCondition': required('type status'),
  // batch/v1
  'api.batch.v1.JobSpec': required('template'),
  'api.batch.v1.JobCondition': required('type status'),
  'api.batch.v1.PodFailurePolicy': required('rules'),
  'api.batch.v1.PodFailurePolicyRule': required('action'),
  'api.batch.v1.PodFailurePolicyOnExitCodesRequirement': required('operator values'),
  'api.batch.v1.PodFailurePolicyOnPodConditionsPattern': required('type status'),
  'api.batch.v1.SuccessPolicy': required('rules'),
  'api.batch.v1.CronJobSpec': required('schedule jobTemplate'),
  // networking.k8s.io/v1
  'api.networking.v1.IngressServiceBackend': required('name'),
  'api.networking.v1.HTTPIngressRuleValue': required('paths'),
  'api.networking.v1.HTTPIngressPath': required('pathType backend'),
  'api.networking.v1.IngressPortStatus': required('port protocol'),
  'api.networking.v1.IPBlock': required('cidr'),
  // rbac.authorization.k8s.io/v1
  'api.rbac.v1.PolicyRule': required('verbs'),
  'api.rbac.v1.RoleBinding': required('roleRef'),
  'api.rbac.v1.ClusterRoleBinding': required('roleRef'),
  'api.rbac.v1.Subject': required('kind name'),
  'api.rbac.v1.RoleRef': required('apiGroup kind name'),
  // discovery.k8s.io/v1, authorization.k8s.io/v1
  'api.discovery.v1.EndpointSlice': required('addressType endpoints'),
  'api.discovery.v1.Endpoint': required('addresses'),
  'api.discovery.v1.ForZone': required('name'),
  'api.authorization.v1.SelfSubjectAccessReview': required('spec'),
  'api.authorization.v1.SubjectAccessReviewStatus': required('allowed'),
};

/** Our own one-line descriptions of the served kinds (the real ones are the Go doc comments). */
export const KIND_DESCRIPTIONS: Record<string, string> = {
  ConfigMap: 'Configuration data as string (and binary) key-value pairs for pods to consume.',
  Endpoints: 'The addresses and ports backing a service, in the legacy single-object form.',
  Event: 'A report of something that happened to an object in the cluster.',
  Namespace: 'A scope for names, policies and quotas of the objects within it.',
  Node: 'A machine in the cluster that runs pods.',
  Pod: 'A group of containers scheduled together onto one node, sharing its network.',
  ServiceAccount: 'An identity for processes running in pods.',
  Service: 'A stable virtual address and name for a set of pods selected by labels.',
  DaemonSet: 'Runs one copy of a pod template on every eligible node.',
  Deployment: 'Declarative updates of a replicated set of pods through replica sets.',
  ReplicaSet: 'Keeps a given number of copies of a pod template running.',
  StatefulSet: 'Pods with stable identities and storage, created and updated in order.',
  SelfSubjectAccessReview: 'Asks whether the requesting user may perform an action.',
  CronJob: 'Runs a job on a schedule.',
  Job: 'Runs pods until a number of them complete successfully.',
  Ingress: 'HTTP routing rules from outside the cluster to services.',
  NetworkPolicy: 'Which traffic the selected pods may receive and send.',
  ClusterRoleBinding: 'Grants the permissions of a cluster role to subjects cluster-wide.',
  ClusterRole: 'A cluster-wide set of permissions.',
  RoleBinding: 'Grants the permissions of a role or cluster role to subjects in one namespace.',
  Role: 'A set of permissions within one namespace.',
  Lease: 'A lock held by one holder for a time, used for leader election and heartbeats.',
  EndpointSlice: 'A subset of the endpoints backing a service.',
};
