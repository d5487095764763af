# A ClusterIP service whose endpoint lives on another node: two nodes, each with its own pod
# bridge and pod subnet, routed to each other over a shared link (host-gw style). The client
# node DNATs in its bridge's PREROUTING and routes the packet on; the server node sees the
# client pod's own address (pod-to-pod traffic is never masqueraded) and the reply is un-NATed
# on the way back through the client node. Every node carries the same kube-proxy rules.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add lan
ip netns exec lan sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n lan link add br-lan type bridge mcast_snooping 0
ip -n lan link set br-lan up
for n in 1 2; do
  ip netns add node$n
  ip netns add pod$n
  ip netns exec node$n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip netns exec pod$n sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip -n lan link add port$n type veth peer name eth0 netns node$n
  ip -n lan link set port$n master br-lan
  ip -n lan link set port$n up
  ip -n node$n addr add 192.168.50.1$n/24 dev eth0
  ip -n node$n link add cni0 type bridge mcast_snooping 0
  ip -n node$n addr add 10.244.$n.1/24 dev cni0
  ip -n node$n link add veth-pod$n type veth peer name eth0 netns pod$n
  ip -n node$n link set veth-pod$n master cni0
  for d in lo eth0 cni0 veth-pod$n; do ip -n node$n link set $d up; done
  ip -n pod$n addr add 10.244.$n.2/24 dev eth0
  ip -n pod$n link set lo up
  ip -n pod$n link set eth0 up
  ip -n pod$n route add default via 10.244.$n.1
  ip netns exec node$n sysctl -qw net.ipv4.ip_forward=1
done
ip -n node1 route add 10.244.2.0/24 via 192.168.50.12
ip -n node2 route add 10.244.1.0/24 via 192.168.50.11
for n in 1 2; do ip -n node$n route add default via 192.168.50.1; done
sleep 1
for n in 1 2; do
  ip netns exec node$n iptables-restore <<'RULES'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-DB - [0:0]
:KUBE-SEP-DB - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SERVICES -d 10.96.0.53/32 -m comment --comment "default/db cluster IP" -j KUBE-SVC-DB
-A KUBE-SVC-DB ! -s 10.244.0.0/16 -d 10.96.0.53/32 -m comment --comment "default/db cluster IP" -j KUBE-MARK-MASQ
-A KUBE-SVC-DB -m comment --comment "default/db -> 10.244.2.2" -j KUBE-SEP-DB
-A KUBE-SEP-DB -s 10.244.2.2/32 -m comment --comment "default/db" -j KUBE-MARK-MASQ
-A KUBE-SEP-DB -m comment --comment "default/db" -j DNAT --to-destination 10.244.2.2
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-FORWARD - [0:0]
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A FORWARD -s 10.244.0.0/16 -j ACCEPT
-A FORWARD -d 10.244.0.0/16 -j ACCEPT
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m mark --mark 0x4000/0x4000 -m comment --comment "kubernetes forwarding rules" -j ACCEPT
-A KUBE-FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "kubernetes forwarding conntrack rule" -j ACCEPT
COMMIT
RULES
done
echo "== pod1 -> service -> pod2 on node2"
ip netns exec pod1 ping -c 3 10.96.0.53
for n in 1 2; do
  echo "-- node$n"
  ip netns exec node$n conntrack -L | ct
  ip netns exec node$n iptables-save -c | grep '^\[' | grep -v '^\[0:0\]'
done
echo "== pod2 -> service -> itself through node2's bridge (no hairpin)"
ip netns exec pod2 ping -c 1 -W 1 10.96.0.53 | grep -E 'bytes from|transmitted'
echo "== node1 -> service: masqueraded towards node2"
ip netns exec node1 ping -c 2 -i 0.2 10.96.0.53 | grep -E 'bytes from|transmitted'
ip netns exec node1 conntrack -L -s 192.168.50.11 | ct
ip netns exec node2 conntrack -L -s 192.168.50.11 | ct
ip netns exec node1 ping -c 1 10.244.2.2 | grep -E 'bytes from|transmitted'
ip netns exec node1 conntrack -L 2>&1 | ct | sort
