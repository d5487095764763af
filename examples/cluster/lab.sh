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

# The bridge plugin's ipMasq (as it writes it) masquerades everything but the pod's own node subnet,
# so a connection to a pod on the other node leaves node-a with node-a's address (the reply half of
# the conntrack entry shows dst=172.18.0.2). Real Linux does the same with these rules.
echo "== pod to the ClusterIP, TCP: DNATed to one of the web pods"
kubectl exec client -- nc -z -w 1 10.96.0.10 80 && echo "connected"
sleep 1 # the last ACK of the close crosses the nodes
ip netns exec node-a conntrack -L -p tcp 2>/dev/null | sed -E 's/^(tcp +6) [0-9]+ /\1 T /; s/(sport|dport)=[0-9]{4,5}/\1=P/g'

echo "== ping to a ClusterIP: kube-proxy's rules only match TCP/UDP/SCTP ports, ICMP is not DNATed"
kubectl exec client -- ping -c 1 -W 1 10.96.0.10

echo "== what node-a's kernel holds"
ip -n node-a route
ip netns exec node-a iptables -t nat -L POSTROUTING -n
