/**
 * Protobuf tables (see proto-schema.ts for the notation) of the k8s.io/api
 * groups beyond core whose kinds kubectl's generators create: apps/v1,
 * batch/v1, networking.k8s.io/v1 (Ingress) and rbac.authorization.k8s.io/v1,
 * from their generated.proto.
 */
import type { MessageTables } from './proto-schema.js';

const APPS: MessageTables = {
  Deployment: `metadata=1:ObjectMeta spec=2:DeploymentSpec status=3:DeploymentStatus`,
  DeploymentSpec: `replicas=1:int? selector=2:LabelSelector? template=3:PodTemplateSpec strategy=4:DeploymentStrategy
    minReadySeconds=5:int revisionHistoryLimit=6:int? paused=7:bool progressDeadlineSeconds=9:int?
    podReplacementPolicy=10:string?`,
  DeploymentStrategy: `type=1 rollingUpdate=2:RollingUpdateDeployment?`,
  RollingUpdateDeployment: `maxUnavailable=1:IntOrString? maxSurge=2:IntOrString?`,
  DeploymentStatus: `observedGeneration=1:int replicas=2:int updatedReplicas=3:int readyReplicas=7:int
    availableReplicas=4:int unavailableReplicas=5:int terminatingReplicas=9:int?
    conditions=6:DeploymentCondition[] collisionCount=8:int?`,
  DeploymentCondition: `type=1 status=2 lastUpdateTime=6:Time lastTransitionTime=7:Time reason=4 message=5`,
  ReplicaSet: `metadata=1:ObjectMeta spec=2:ReplicaSetSpec status=3:ReplicaSetStatus`,
  ReplicaSetSpec: `replicas=1:int? minReadySeconds=4:int selector=2:LabelSelector? template=3:PodTemplateSpec`,
  ReplicaSetStatus: `replicas=1:int fullyLabeledReplicas=2:int readyReplicas=4:int availableReplicas=5:int
    terminatingReplicas=7:int? observedGeneration=3:int conditions=6:ReplicaSetCondition[]`,
  ReplicaSetCondition: `type=1 status=2 lastTransitionTime=3:Time reason=4 message=5`,
};

const BATCH: MessageTables = {
  Job: `metadata=1:ObjectMeta spec=2:JobSpec status=3:JobStatus`,
  JobSpec: `parallelism=1:int? completions=2:int? activeDeadlineSeconds=3:int? podFailurePolicy=11:PodFailurePolicy?
    successPolicy=16:SuccessPolicy? backoffLimit=7:int? backoffLimitPerIndex=12:int? maxFailedIndexes=13:int?
    selector=4:LabelSelector? manualSelector=5:bool? template=6:PodTemplateSpec ttlSecondsAfterFinished=8:int?
    completionMode=9:string? suspend=10:bool? podReplacementPolicy=14:string? managedBy=15:string?`,
  JobStatus: `conditions=1:JobCondition[] startTime=2:Time? completionTime=3:Time? active=4:int succeeded=5:int
    failed=6:int terminating=11:int? completedIndexes=7 failedIndexes=10:string?
    uncountedTerminatedPods=8:UncountedTerminatedPods? ready=9:int?`,
  JobCondition: `type=1 status=2 lastProbeTime=3:Time lastTransitionTime=4:Time reason=5 message=6`,
  UncountedTerminatedPods: `succeeded=1:string[] failed=2:string[]`,
  PodFailurePolicy: `rules=1:PodFailurePolicyRule[]`,
  PodFailurePolicyRule: `action=1 onExitCodes=2:PodFailurePolicyOnExitCodesRequirement?
    onPodConditions=3:PodFailurePolicyOnPodConditionsPattern[]`,
  PodFailurePolicyOnExitCodesRequirement: `containerName=1:string? operator=2 values=3:int[]`,
  PodFailurePolicyOnPodConditionsPattern: `type=1 status=2`,
  SuccessPolicy: `rules=1:SuccessPolicyRule[]`,
  SuccessPolicyRule: `succeededIndexes=1:string? succeededCount=2:int?`,
  CronJob: `metadata=1:ObjectMeta spec=2:CronJobSpec status=3:CronJobStatus`,
  CronJobSpec: `schedule=1 timeZone=8:string? startingDeadlineSeconds=2:int? concurrencyPolicy=3 suspend=4:bool?
    jobTemplate=5:JobTemplateSpec successfulJobsHistoryLimit=6:int? failedJobsHistoryLimit=7:int?`,
  JobTemplateSpec: `metadata=1:ObjectMeta spec=2:JobSpec`,
  CronJobStatus: `active=1:ObjectReference[] lastScheduleTime=4:Time? lastSuccessfulTime=5:Time?`,
};

const NETWORKING: MessageTables = {
  Ingress: `metadata=1:ObjectMeta spec=2:IngressSpec status=3:IngressStatus`,
  IngressSpec: `ingressClassName=4:string? defaultBackend=1:IngressBackend? tls=2:IngressTLS[] rules=3:IngressRule[]`,
  IngressBackend: `service=4:IngressServiceBackend? resource=3:TypedLocalObjectReference?`,
  IngressServiceBackend: `name=1 port=2:ServiceBackendPort`,
  ServiceBackendPort: `name=1 number=2:int`,
  IngressTLS: `hosts=1:string[] secretName=2`,
  // IngressRuleValue is embedded in IngressRule: `http` sits beside `host` in JSON.
  IngressRule: `host=1 ingressRuleValue=2:IngressRuleValue^`,
  IngressRuleValue: `http=1:HTTPIngressRuleValue?`,
  HTTPIngressRuleValue: `paths=1:HTTPIngressPath[]`,
  HTTPIngressPath: `path=1 pathType=3:string? backend=2:IngressBackend`,
  IngressStatus: `loadBalancer=1:IngressLoadBalancerStatus`,
  IngressLoadBalancerStatus: `ingress=1:IngressLoadBalancerIngress[]`,
  IngressLoadBalancerIngress: `ip=1 hostname=2 ports=4:IngressPortStatus[]`,
  IngressPortStatus: `port=1:int protocol=2 error=3:string?`,
};

const RBAC: MessageTables = {
  Role: `metadata=1:ObjectMeta rules=2:PolicyRule[]`,
  ClusterRole: `metadata=1:ObjectMeta rules=2:PolicyRule[] aggregationRule=3:AggregationRule?`,
  AggregationRule: `clusterRoleSelectors=1:LabelSelector[]`,
  PolicyRule: `verbs=1:string[] apiGroups=2:string[] resources=3:string[] resourceNames=4:string[]
    nonResourceURLs=5:string[]`,
  RoleBinding: `metadata=1:ObjectMeta subjects=2:Subject[] roleRef=3:RoleRef`,
  ClusterRoleBinding: `metadata=1:ObjectMeta subjects=2:Subject[] roleRef=3:RoleRef`,
  Subject: `kind=1 apiGroup=2 name=3 namespace=4`,
  RoleRef: `apiGroup=1 kind=2 name=3`,
};

export const GROUP_MESSAGES: MessageTables = { ...APPS, ...BATCH, ...NETWORKING, ...RBAC };

/** The kinds whose protobuf bodies are read (the message of the same name is the object). */
export const PROTOBUF_KINDS: readonly { apiVersion: string; kind: string }[] = [
  ...['ConfigMap', 'Namespace', 'Pod', 'Service', 'ServiceAccount'].map((kind) => ({
    apiVersion: 'v1',
    kind,
  })),
  ...['Deployment', 'ReplicaSet'].map((kind) => ({ apiVersion: 'apps/v1', kind })),
  ...['CronJob', 'Job'].map((kind) => ({ apiVersion: 'batch/v1', kind })),
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
  ...['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].map((kind) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
  })),
];
