/**
 * Protobuf tables (see proto-schema.ts for the notation) of
 * k8s.io/apimachinery meta/v1 and k8s.io/api core/v1, from their
 * generated.proto: field numbers as there, fields in the Go structs' order,
 * `?` where the Go field is a pointer. Only the messages the served kinds
 * reach; a volume source or field not listed here is refused when decoded.
 */
import type { MessageTables } from './proto-schema.js';

/** k8s.io/apimachinery/pkg/apis/meta/v1. */
const META: MessageTables = {
  ObjectMeta: `name=1 generateName=2 namespace=3 selfLink=4 uid=5 resourceVersion=6 generation=7:int
    creationTimestamp=8:Time deletionTimestamp=9:Time? deletionGracePeriodSeconds=10:int?
    labels=11:{string} annotations=12:{string} ownerReferences=13:OwnerReference[] finalizers=14:string[]
    managedFields=17:ManagedFieldsEntry[]`,
  OwnerReference: `apiVersion=5 kind=1 name=3 uid=4 controller=6:bool? blockOwnerDeletion=7:bool?`,
  ManagedFieldsEntry: `manager=1 operation=2 apiVersion=3 time=4:Time? fieldsType=6 fieldsV1=7:FieldsV1?
    subresource=8`,
  LabelSelector: `matchLabels=1:{string} matchExpressions=2:LabelSelectorRequirement[]`,
  LabelSelectorRequirement: `key=1 operator=2 values=3:string[]`,
  Condition: `type=1 status=2 observedGeneration=3:int lastTransitionTime=4:Time reason=5 message=6`,
};

/** ConfigMap, Namespace, ServiceAccount, Service. */
const CORE_OBJECTS: MessageTables = {
  ConfigMap: `metadata=1:ObjectMeta immutable=4:bool? data=2:{string} binaryData=3:{bytes}`,
  Namespace: `metadata=1:ObjectMeta spec=2:NamespaceSpec status=3:NamespaceStatus`,
  NamespaceSpec: `finalizers=1:string[]`,
  NamespaceStatus: `phase=1 conditions=2:NamespaceCondition[]`,
  NamespaceCondition: `type=1 status=2 lastTransitionTime=4:Time reason=5 message=6`,
  ServiceAccount: `metadata=1:ObjectMeta secrets=2:ObjectReference[] imagePullSecrets=3:LocalObjectReference[]
    automountServiceAccountToken=4:bool?`,
  ObjectReference: `kind=1 namespace=2 name=3 uid=4 apiVersion=5 resourceVersion=6 fieldPath=7`,
  LocalObjectReference: `name=1`,
  TypedLocalObjectReference: `apiGroup=1:string? kind=2 name=3`,
  Service: `metadata=1:ObjectMeta spec=2:ServiceSpec status=3:ServiceStatus`,
  ServiceSpec: `ports=1:ServicePort[] selector=2:{string} clusterIP=3 clusterIPs=18:string[] type=4
    externalIPs=5:string[] sessionAffinity=7 loadBalancerIP=8 loadBalancerSourceRanges=9:string[]
    externalName=10 externalTrafficPolicy=11 healthCheckNodePort=12:int publishNotReadyAddresses=13:bool
    sessionAffinityConfig=14:SessionAffinityConfig? ipFamilies=19:string[] ipFamilyPolicy=17:string?
    allocateLoadBalancerNodePorts=20:bool? loadBalancerClass=21:string? internalTrafficPolicy=22:string?
    trafficDistribution=23:string?`,
  ServicePort: `name=1 protocol=2 appProtocol=6:string? port=3:int targetPort=4:IntOrString nodePort=5:int`,
  SessionAffinityConfig: `clientIP=1:ClientIPConfig?`,
  ClientIPConfig: `timeoutSeconds=1:int?`,
  ServiceStatus: `loadBalancer=1:LoadBalancerStatus conditions=2:Condition[]`,
  LoadBalancerStatus: `ingress=1:LoadBalancerIngress[]`,
  LoadBalancerIngress: `ip=1 hostname=2 ipMode=3:string? ports=4:PortStatus[]`,
  PortStatus: `port=1:int protocol=2 error=3:string?`,
};

/** Pod, its template and spec, and the containers in it. */
const POD: MessageTables = {
  Pod: `metadata=1:ObjectMeta spec=2:PodSpec status=3:PodStatus`,
  PodTemplateSpec: `metadata=1:ObjectMeta spec=2:PodSpec`,
  PodSpec: `volumes=1:Volume[] initContainers=20:Container[] containers=2:Container[]
    ephemeralContainers=34:EphemeralContainer[] restartPolicy=3 terminationGracePeriodSeconds=4:int?
    activeDeadlineSeconds=5:int? dnsPolicy=6 nodeSelector=7:{string} serviceAccountName=8 serviceAccount=9
    automountServiceAccountToken=21:bool? nodeName=10 hostNetwork=11:bool hostPID=12:bool hostIPC=13:bool
    shareProcessNamespace=27:bool? securityContext=14:PodSecurityContext?
    imagePullSecrets=15:LocalObjectReference[] hostname=16 subdomain=17 affinity=18:Affinity? schedulerName=19
    tolerations=22:Toleration[] hostAliases=23:HostAlias[] priorityClassName=24 priority=25:int?
    dnsConfig=26:PodDNSConfig? readinessGates=28:PodReadinessGate[] runtimeClassName=29:string?
    enableServiceLinks=30:bool? preemptionPolicy=31:string? overhead=32:{Quantity}
    topologySpreadConstraints=33:TopologySpreadConstraint[] setHostnameAsFQDN=35:bool? os=36:PodOS?
    hostUsers=37:bool? schedulingGates=38:PodSchedulingGate[] resourceClaims=39:PodResourceClaim[]
    resources=40:ResourceRequirements? hostnameOverride=41:string?`,
  Container: `name=1 image=2 command=3:string[] args=4:string[] workingDir=5 ports=6:ContainerPort[]
    envFrom=19:EnvFromSource[] env=7:EnvVar[] resources=8:ResourceRequirements
    resizePolicy=23:ContainerResizePolicy[] restartPolicy=24:string? restartPolicyRules=25:ContainerRestartRule[]
    volumeMounts=9:VolumeMount[] volumeDevices=21:VolumeDevice[] livenessProbe=10:Probe? readinessProbe=11:Probe?
    startupProbe=22:Probe? lifecycle=12:Lifecycle? terminationMessagePath=13 terminationMessagePolicy=20
    imagePullPolicy=14 securityContext=15:SecurityContext? stdin=16:bool stdinOnce=17:bool tty=18:bool`,
  // EphemeralContainerCommon repeats Container's fields under the same numbers.
  EphemeralContainer: `ephemeralContainerCommon=1:Container^ targetContainerName=2`,
  ContainerPort: `name=1 hostPort=2:int containerPort=3:int protocol=4 hostIP=5`,
  ContainerResizePolicy: `resourceName=1 restartPolicy=2`,
  ContainerRestartRule: `action=1 exitCodes=2:ContainerRestartRuleOnExitCodes?`,
  ContainerRestartRuleOnExitCodes: `operator=1 values=2:int[]`,
  EnvFromSource: `prefix=1 configMapRef=2:ConfigMapEnvSource? secretRef=3:SecretEnvSource?`,
  ConfigMapEnvSource: `localObjectReference=1:LocalObjectReference^ optional=2:bool?`,
  SecretEnvSource: `localObjectReference=1:LocalObjectReference^ optional=2:bool?`,
  EnvVar: `name=1 value=2 valueFrom=3:EnvVarSource?`,
  EnvVarSource: `fieldRef=1:ObjectFieldSelector? resourceFieldRef=2:ResourceFieldSelector?
    configMapKeyRef=3:ConfigMapKeySelector? secretKeyRef=4:SecretKeySelector? fileKeyRef=5:FileKeySelector?`,
  ObjectFieldSelector: `apiVersion=1 fieldPath=2`,
  ResourceFieldSelector: `containerName=1 resource=2 divisor=3:Quantity`,
  ConfigMapKeySelector: `localObjectReference=1:LocalObjectReference^ key=2 optional=3:bool?`,
  SecretKeySelector: `localObjectReference=1:LocalObjectReference^ key=2 optional=3:bool?`,
  FileKeySelector: `volumeName=1 path=2 key=3 optional=4:bool?`,
  ResourceRequirements: `limits=1:{Quantity} requests=2:{Quantity} claims=3:ResourceClaim[]`,
  ResourceClaim: `name=1 request=2`,
  VolumeMount: `name=1 readOnly=2:bool recursiveReadOnly=7:string? mountPath=3 subPath=4
    mountPropagation=5:string? subPathExpr=6`,
  VolumeDevice: `name=1 devicePath=2`,
  Probe: `handler=1:ProbeHandler^ initialDelaySeconds=2:int timeoutSeconds=3:int periodSeconds=4:int
    successThreshold=5:int failureThreshold=6:int terminationGracePeriodSeconds=7:int?`,
  ProbeHandler: `exec=1:ExecAction? httpGet=2:HTTPGetAction? tcpSocket=3:TCPSocketAction? grpc=4:GRPCAction?`,
  ExecAction: `command=1:string[]`,
  HTTPGetAction: `path=1 port=2:IntOrString host=3 scheme=4 httpHeaders=5:HTTPHeader[]`,
  HTTPHeader: `name=1 value=2`,
  TCPSocketAction: `port=1:IntOrString host=2`,
  GRPCAction: `port=1:int service=2:string?`,
  Lifecycle: `postStart=1:LifecycleHandler? preStop=2:LifecycleHandler? stopSignal=3:string?`,
  LifecycleHandler: `exec=1:ExecAction? httpGet=2:HTTPGetAction? tcpSocket=3:TCPSocketAction?
    sleep=4:SleepAction?`,
  SleepAction: `seconds=1:int`,
  SecurityContext: `capabilities=1:Capabilities? privileged=2:bool? seLinuxOptions=3:SELinuxOptions?
    windowsOptions=10:WindowsSecurityContextOptions? runAsUser=4:int? runAsGroup=8:int? runAsNonRoot=5:bool?
    readOnlyRootFilesystem=6:bool? allowPrivilegeEscalation=7:bool? procMount=9:string?
    seccompProfile=11:SeccompProfile? appArmorProfile=12:AppArmorProfile? ulimits=13:Ulimit[]`,
  Capabilities: `add=1:string[] drop=2:string[]`,
  SELinuxOptions: `user=1 role=2 type=3 level=4`,
  WindowsSecurityContextOptions: `gmsaCredentialSpecName=1:string? gmsaCredentialSpec=2:string?
    runAsUserName=3:string? hostProcess=4:bool?`,
  SeccompProfile: `type=1 localhostProfile=2:string?`,
  AppArmorProfile: `type=1 localhostProfile=2:string?`,
  Ulimit: `name=1 hard=2:int soft=3:int`,
  PodSecurityContext: `seLinuxOptions=1:SELinuxOptions? windowsOptions=8:WindowsSecurityContextOptions?
    runAsUser=2:int? runAsGroup=6:int? runAsNonRoot=3:bool? supplementalGroups=4:int[]
    supplementalGroupsPolicy=12:string? fsGroup=5:int? sysctls=7:Sysctl[] fsGroupChangePolicy=9:string?
    seccompProfile=10:SeccompProfile? appArmorProfile=11:AppArmorProfile? seLinuxChangePolicy=13:string?`,
  Sysctl: `name=1 value=2`,
  Affinity: `nodeAffinity=1:NodeAffinity? podAffinity=2:PodAffinity? podAntiAffinity=3:PodAntiAffinity?`,
  NodeAffinity: `requiredDuringSchedulingIgnoredDuringExecution=1:NodeSelector?
    preferredDuringSchedulingIgnoredDuringExecution=2:PreferredSchedulingTerm[]`,
  NodeSelector: `nodeSelectorTerms=1:NodeSelectorTerm[]`,
  NodeSelectorTerm: `matchExpressions=1:NodeSelectorRequirement[] matchFields=2:NodeSelectorRequirement[]`,
  NodeSelectorRequirement: `key=1 operator=2 values=3:string[]`,
  PreferredSchedulingTerm: `weight=1:int preference=2:NodeSelectorTerm`,
  PodAffinity: `requiredDuringSchedulingIgnoredDuringExecution=1:PodAffinityTerm[]
    preferredDuringSchedulingIgnoredDuringExecution=2:WeightedPodAffinityTerm[]`,
  PodAntiAffinity: `requiredDuringSchedulingIgnoredDuringExecution=1:PodAffinityTerm[]
    preferredDuringSchedulingIgnoredDuringExecution=2:WeightedPodAffinityTerm[]`,
  PodAffinityTerm: `labelSelector=1:LabelSelector? namespaces=2:string[] topologyKey=3
    namespaceSelector=4:LabelSelector? matchLabelKeys=5:string[] mismatchLabelKeys=6:string[]`,
  WeightedPodAffinityTerm: `weight=1:int podAffinityTerm=2:PodAffinityTerm`,
  Toleration: `key=1 operator=2 value=3 effect=4 tolerationSeconds=5:int?`,
  HostAlias: `ip=1 hostnames=2:string[]`,
  PodDNSConfig: `nameservers=1:string[] searches=2:string[] options=3:PodDNSConfigOption[]`,
  PodDNSConfigOption: `name=1 value=2:string?`,
  PodReadinessGate: `conditionType=1`,
  TopologySpreadConstraint: `maxSkew=1:int topologyKey=2 whenUnsatisfiable=3 labelSelector=4:LabelSelector?
    minDomains=5:int? nodeAffinityPolicy=6:string? nodeTaintsPolicy=7:string? matchLabelKeys=8:string[]`,
  PodOS: `name=1`,
  PodSchedulingGate: `name=1`,
  PodResourceClaim: `name=1 resourceClaimName=3:string? resourceClaimTemplateName=4:string?`,
  PodStatus: `observedGeneration=17:int phase=1 conditions=2:PodCondition[] message=3 reason=4
    nominatedNodeName=11 hostIP=5 hostIPs=16:HostIP[] podIP=6 podIPs=12:PodIP[] startTime=7:Time?
    initContainerStatuses=10:ContainerStatus[] containerStatuses=8:ContainerStatus[] qosClass=9
    ephemeralContainerStatuses=13:ContainerStatus[] resize=14 resourceClaimStatuses=15:PodResourceClaimStatus[]`,
  PodCondition: `type=1 observedGeneration=7:int status=2 lastProbeTime=3:Time lastTransitionTime=4:Time
    reason=5 message=6`,
  HostIP: `ip=1`,
  PodIP: `ip=1`,
  ContainerStatus: `name=1 state=2:ContainerState lastState=3:ContainerState ready=4:bool restartCount=5:int
    image=6 imageID=7 containerID=8 started=9:bool? allocatedResources=10:{Quantity}
    resources=11:ResourceRequirements? stopSignal=15:string?`,
  ContainerState: `waiting=1:ContainerStateWaiting? running=2:ContainerStateRunning?
    terminated=3:ContainerStateTerminated?`,
  ContainerStateWaiting: `reason=1 message=2`,
  ContainerStateRunning: `startedAt=1:Time`,
  ContainerStateTerminated: `exitCode=1:int signal=2:int reason=3 message=4 startedAt=5:Time finishedAt=6:Time
    containerID=7`,
  PodResourceClaimStatus: `name=1 resourceClaimName=2:string?`,
};

/** Pod volumes: the common sources (cloud and legacy in-tree plugins are not listed, so refused). */
const VOLUMES: MessageTables = {
  // VolumeSource is embedded in Volume: its one member sits beside the name in JSON.
  Volume: `name=1 volumeSource=2:VolumeSource^`,
  VolumeSource: `hostPath=1:HostPathVolumeSource? emptyDir=2:EmptyDirVolumeSource? secret=6:SecretVolumeSource?
    nfs=7:NFSVolumeSource? persistentVolumeClaim=10:PersistentVolumeClaimVolumeSource?
    downwardAPI=16:DownwardAPIVolumeSource? configMap=19:ConfigMapVolumeSource?
    projected=26:ProjectedVolumeSource? csi=28:CSIVolumeSource? image=30:ImageVolumeSource?`,
  HostPathVolumeSource: `path=1 type=2:string?`,
  EmptyDirVolumeSource: `medium=1 sizeLimit=2:Quantity?`,
  SecretVolumeSource: `secretName=1 items=2:KeyToPath[] defaultMode=3:int? optional=4:bool?`,
  NFSVolumeSource: `server=1 path=2 readOnly=3:bool`,
  PersistentVolumeClaimVolumeSource: `claimName=1 readOnly=2:bool`,
  DownwardAPIVolumeSource: `items=1:DownwardAPIVolumeFile[] defaultMode=2:int?`,
  DownwardAPIVolumeFile: `path=1 fieldRef=2:ObjectFieldSelector? resourceFieldRef=3:ResourceFieldSelector?
    mode=4:int?`,
  ConfigMapVolumeSource: `localObjectReference=1:LocalObjectReference^ items=2:KeyToPath[] defaultMode=3:int?
    optional=4:bool?`,
  KeyToPath: `key=1 path=2 mode=3:int?`,
  ProjectedVolumeSource: `sources=1:VolumeProjection[] defaultMode=2:int?`,
  VolumeProjection: `secret=1:SecretProjection? downwardAPI=2:DownwardAPIProjection? configMap=3:ConfigMapProjection?
    serviceAccountToken=4:ServiceAccountTokenProjection?`,
  SecretProjection: `localObjectReference=1:LocalObjectReference^ items=2:KeyToPath[] optional=4:bool?`,
  ConfigMapProjection: `localObjectReference=1:LocalObjectReference^ items=2:KeyToPath[] optional=4:bool?`,
  DownwardAPIProjection: `items=1:DownwardAPIVolumeFile[]`,
  ServiceAccountTokenProjection: `audience=1 expirationSeconds=2:int? path=3`,
  CSIVolumeSource: `driver=1 readOnly=2:bool? fsType=3:string? volumeAttributes=4:{string}
    nodePublishSecretRef=5:LocalObjectReference?`,
  ImageVolumeSource: `reference=1 pullPolicy=2`,
};

export const CORE_MESSAGES: MessageTables = { ...META, ...CORE_OBJECTS, ...POD, ...VOLUMES };
