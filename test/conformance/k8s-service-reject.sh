# ICMP errors around a ClusterIP. A service without endpoints is rejected by kube-proxy's filter
# rule (`has no endpoints`, reached from FORWARD and OUTPUT for new flows): the error comes from
# the node. An endpoint that rejects the ping answers with an error that conntrack ties to the
# DNATed flow (RELATED): the bridge un-NATs it, so the client hears it from the service address
# and the datagram it quotes is the one the client sent.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add node
ip netns add lan
for p in a b; do
  ip netns add pod-$p
  ip netns exec pod-$p sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done
ip netns exec node sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n node link add cni0 type bridge mcast_snooping 0
ip -n node addr add 10.244.1.1/24 dev cni0
ip -n node link add eth0 type veth peer name eth0 netns lan
ip -n node addr add 192.168.50.10/24 dev eth0
ip -n lan addr add 192.168.50.1/24 dev eth0
ip -n lan link set eth0 up
i=2
for p in a b; do
  ip -n node link add veth-$p type veth peer name eth0 netns pod-$p
  ip -n node link set veth-$p master cni0
  ip -n node link set veth-$p up
  ip -n pod-$p addr add 10.244.1.$i/24 dev eth0
  ip -n pod-$p link set lo up
  ip -n pod-$p link set eth0 up
  ip -n pod-$p route add default via 10.244.1.1
  i=$((i + 1))
done
for d in lo eth0 cni0; do ip -n node link set $d up; done
ip -n node route add default via 192.168.50.1
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
sleep 1
ip netns exec node iptables-restore <<'RULES'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-WEB - [0:0]
:KUBE-SEP-WEB - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.96.0.10/32 -m comment --comment "default/web cluster IP" -j KUBE-SVC-WEB
-A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.1.3" -j KUBE-SEP-WEB
-A KUBE-SEP-WEB -m comment --comment "default/web" -j DNAT --to-destination 10.244.1.3
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.96.0.11/32 -m comment --comment "default/empty has no endpoints" -j REJECT --reject-with icmp-port-unreachable
COMMIT
RULES
echo "restore $?"
ip netns exec pod-b iptables -A INPUT -p icmp --icmp-type echo-request -j REJECT --reject-with icmp-host-prohibited
echo "== pod-a -> service without endpoints"
ip netns exec pod-a ping -c 1 -W 1 10.96.0.11
ip netns exec node conntrack -L | ct
echo "== node -> service without endpoints"
ip netns exec node ping -c 1 -W 1 10.96.0.11
echo "== pod-a -> service whose endpoint rejects"
ip netns exec pod-a ping -c 2 -i 0.2 -W 1 10.96.0.10
ip netns exec node conntrack -L -d 10.96.0.10 | ct
ip netns exec node iptables-save -c | grep '^\[' | grep -v '^\[0:0\]'
ip netns exec pod-b iptables -L INPUT -v -n
