# Why Kubernetes insists on net.bridge.bridge-nf-call-iptables=1: with it off, a pod's ping to a
# ClusterIP still reaches the endpoint (the frame is for the bridge's MAC, so it goes up to the IP
# stack, is DNATed and routed back out of cni0, TTL down by one), but the endpoint answers the
# client directly across the bridge, never through iptables: the reply keeps the endpoint's own
# address, the client drops it and the node's entry stays [UNREPLIED].
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
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-ERIFXISQEP7F7OF4 - [0:0]
:KUBE-SEP-IT2ZTR26TO4XFPTO - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SERVICES -d 10.96.0.10/32 -m comment --comment "default/web cluster IP" -j KUBE-SVC-ERIFXISQEP7F7OF4
-A KUBE-SVC-ERIFXISQEP7F7OF4 ! -s 10.244.0.0/16 -d 10.96.0.10/32 -m comment --comment "default/web cluster IP" -j KUBE-MARK-MASQ
-A KUBE-SVC-ERIFXISQEP7F7OF4 -m comment --comment "default/web -> 10.244.1.3" -j KUBE-SEP-IT2ZTR26TO4XFPTO
-A KUBE-SEP-IT2ZTR26TO4XFPTO -s 10.244.1.3/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ
-A KUBE-SEP-IT2ZTR26TO4XFPTO -m comment --comment "default/web" -j DNAT --to-destination 10.244.1.3
COMMIT
RULES
echo "restore $?"
ip netns exec node sysctl -w net.bridge.bridge-nf-call-iptables=0
echo "== pod-a -> service, bridge-nf-call-iptables off"
ip netns exec pod-a ping -c 2 -W 1 10.96.0.10
ip netns exec node conntrack -L | ct
ip netns exec node iptables-save -c -t nat | grep '^\[' | grep -v '^\[0:0\]'
echo "== on again"
ip netns exec node conntrack -F
ip netns exec node sysctl -w net.bridge.bridge-nf-call-iptables=1
ip netns exec pod-a ping -c 2 -i 0.2 -W 1 10.96.0.10
ip netns exec node conntrack -L | ct
