/** The cluster, its nodes node-a and node-b, and pod client on node-a: what TWO_NODES and other tests' clusters start from. */
export const TWO_NODES_CLIENT = `apiVersion: podpath.io/v1alpha1
kind: Cluster
metadata: {name: demo}
spec:
  clusterCIDR: 10.244.0.0/16
  serviceCIDR: 10.96.0.0/12
---
apiVersion: v1
kind: Node
metadata: {name: node-a}
---
apiVersion: v1
kind: Node
metadata: {name: node-b}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  nodeName: node-a
  containers: [{name: c, image: busybox}]
`;

/** A small two-node cluster shared by the twin's tests: client on node-a, web on node-b behind Service web. */
export const TWO_NODES =
  TWO_NODES_CLIENT +
  `---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  nodeName: node-b
  containers: [{name: web, image: nginx, ports: [{containerPort: 8080}, {containerPort: 53, protocol: UDP}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: 10.96.0.10
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;
