import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/load.js';
import { runTool } from '../../tools/testing.js';
import { bringUp } from './up.js';

const YAML = `apiVersion: podpath.io/v1alpha1
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
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  nodeName: node-b
  containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: 10.96.0.10
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

describe('bringUp', () => {
  it('smoke', async () => {
    const twin = await bringUp(loadCluster(YAML, 'c.yaml'));
    const r = await runTool(twin.world, ['ip', 'netns', 'exec', 'default.client', 'ping', '-c', '1', '10.244.1.2']);
    console.log(r);
    const s = await runTool(twin.world, ['ip', 'netns', 'exec', 'node-a', 'iptables-save']);
    console.log(s.stdout);
    expect(r.status).toBe(0);
  });
});
