#!/bin/bash
# A lab inside the cluster of examples/cluster.yaml (podpath only: it needs the cluster twin):
#   podpath run --cluster examples/cluster.yaml examples/cluster/lab.sh
# Each node is a namespace named after it, each pod one named NAMESPACE.POD.

kubectl get nodes -o wide
kubectl get pods -o wide
kubectl get svc
kubectl get endpointslices

echo "== pod to pod across nodes (host-gw: TTL down by two)"
kubectl exec client -- ping -c 1 10.244.1.2

echo "== pod to the ClusterIP, TCP: DNATed to one of the web pods"
kubectl exec client -- nc -z -w 1 10.96.0.10 80 && echo "connected"
ip netns exec node-a conntrack -L -p tcp 2>/dev/null | sed -E 's/^(tcp +6) [0-9]+ /\1 T /; s/sport=[0-9]+/sport=P/g'

echo "== ping to a ClusterIP: kube-proxy's rules only match TCP/UDP/SCTP ports, ICMP is not DNATed"
kubectl exec client -- ping -c 1 -W 1 10.96.0.10

echo "== what node-a's kernel holds"
ip -n node-a route
ip netns exec node-a iptables -t nat -L POSTROUTING -n
