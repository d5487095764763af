# A kube-proxy style ClusterIP: KUBE-SERVICES, KUBE-SVC, KUBE-SEP with its DNAT,
# KUBE-MARK-MASQ and the masquerade in KUBE-POSTROUTING, for one UDP datagram.
ip netns add h1
ip netns add r
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns r
ip link add eth1 netns r type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth0
ip -n r addr add 10.0.2.1/24 dev eth1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for ns in h1 r h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip -n r link set eth1 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec h2 nc -u -l -p 5353 >/dev/null &
ip netns exec r iptables-restore <<EOF
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-SVC-DNS - [0:0]
:KUBE-SEP-ONE - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-DNS
-A KUBE-SVC-DNS ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p udp -m udp --dport 53 -j KUBE-MARK-MASQ
-A KUBE-SVC-DNS -j KUBE-SEP-ONE
-A KUBE-SEP-ONE -s 10.0.2.2/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-ONE -p udp -m udp -j DNAT --to-destination 10.0.2.2:5353
COMMIT
EOF
ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW --ctorigdst 10.96.0.10
ip netns exec h2 iptables -A INPUT -p udp -s 10.0.2.1 --dport 5353
sleep 0.2
# probe: echo query | ip netns exec h1 nc -u -q0 10.96.0.10 53
