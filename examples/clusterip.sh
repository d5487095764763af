#!/bin/bash
# A ClusterIP service on a two-pod bridge, with the rules kube-proxy (iptables mode) writes:
#
#   pod-a eth0 10.244.1.2 --- veth-a [cni0 10.244.1.1, node] veth-b --- eth0 10.244.1.3 pod-b
#   service default/web: ClusterIP 10.96.0.10, one endpoint, pod-b
#
# Run it with `podpath run examples/clusterip.sh`, or as root on Linux inside a
# throwaway network world:
#   unshare --net --mount --pid --fork bash -c 'mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns && bash clusterip.sh'

ip netns add node
ip -n node link add cni0 type bridge
ip -n node addr add 10.244.1.1/24 dev cni0
ip -n node link set cni0 up
ip netns exec node sysctl -qw net.ipv4.ip_forward=1

ip=2
for p in a b; do
  ip netns add pod-$p
  ip -n node link add veth-$p type veth peer name eth0 netns pod-$p
  ip -n node link set veth-$p master cni0
  ip -n node link set veth-$p up
  ip -n pod-$p addr add 10.244.1.$ip/24 dev eth0
  ip -n pod-$p link set eth0 up
  ip -n pod-$p route add default via 10.244.1.1
  ip=$((ip + 1))
done
sleep 1 # the bridge ports start forwarding

ip netns exec node iptables-restore <<'RULES'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-WEB - [0:0]
:KUBE-SEP-WEB - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -j MASQUERADE --random-fully
-A KUBE-SERVICES -d 10.96.0.10/32 -m comment --comment "default/web cluster IP" -j KUBE-SVC-WEB
-A KUBE-SVC-WEB ! -s 10.244.0.0/16 -d 10.96.0.10/32 -j KUBE-MARK-MASQ
-A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.1.3" -j KUBE-SEP-WEB
-A KUBE-SEP-WEB -s 10.244.1.3/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-WEB -j DNAT --to-destination 10.244.1.3
COMMIT
RULES

ip netns exec pod-a ping -c 2 10.96.0.10

# Where did the packets go? The node's conntrack entry holds both directions: pod-a asked the
# service address, pod-b answers. (The seconds left and ping's id, its pid on Linux, differ
# from run to run: sed masks them.)
ip netns exec node conntrack -L | sed -E 's/^(icmp +1) [0-9]+ /\1 SECS /; s/id=[0-9]+/id=ID/g'

# Only the flow's first packet walked the nat table: the rest follow the entry.
ip netns exec node iptables -t nat -L KUBE-SEP-WEB -v -n
