# Hairpin without `hairpin on` works when the DNAT is routed instead of bridged: with
# bridge-nf-call-iptables off the pod's frame for the gateway goes up to the IP stack, is DNATed
# and masqueraded there and routed back out of cni0. The bridge device sends it, so no hairpin
# check applies (the reply comes back with TTL 63). With br_netfilter on, the bridged DNAT
# back to the ingress port is lost again.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add node
ip netns add pod
ip netns exec node sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec pod sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip -n node link add cni0 type bridge mcast_snooping 0
ip -n node addr add 10.244.1.1/24 dev cni0
ip -n node link add veth-web type veth peer name eth0 netns pod
ip -n node link set veth-web master cni0
ip -n node link set veth-web up
ip -n node link set cni0 up
ip -n pod addr add 10.244.1.5/24 dev eth0
ip -n pod link set lo up
ip -n pod link set eth0 up
ip -n pod route add default via 10.244.1.1
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
sleep 1
ip netns exec node iptables -t nat -N KUBE-SERVICES
ip netns exec node iptables -t nat -N KUBE-MARK-MASQ
ip netns exec node iptables -t nat -N KUBE-POSTROUTING
ip netns exec node iptables -t nat -N KUBE-SVC-WEB
ip netns exec node iptables -t nat -N KUBE-SEP-WEB
ip netns exec node iptables -t nat -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
ip netns exec node iptables -t nat -A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
ip netns exec node iptables -t nat -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
ip netns exec node iptables -t nat -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
ip netns exec node iptables -t nat -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
ip netns exec node iptables -t nat -A KUBE-POSTROUTING -j MASQUERADE --random-fully
ip netns exec node iptables -t nat -A KUBE-SERVICES -d 10.96.0.20/32 -j KUBE-SVC-WEB
ip netns exec node iptables -t nat -A KUBE-SVC-WEB -m statistic --mode random --probability 1 -j KUBE-SEP-WEB
ip netns exec node iptables -t nat -A KUBE-SEP-WEB -s 10.244.1.5/32 -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -A KUBE-SEP-WEB -j DNAT --to-destination 10.244.1.5
echo "== bridge-nf-call-iptables off"
ip netns exec node sysctl -qw net.bridge.bridge-nf-call-iptables=0
ip netns exec pod ping -c 2 -W 1 10.96.0.20 | grep -E 'bytes from|transmitted'
ip netns exec node conntrack -L | ct
ip netns exec node iptables-save -c -t nat | grep '^\['
ip netns exec node conntrack -F
ip netns exec node iptables -t nat -Z
echo "== br_netfilter on again: the port takes nothing back"
ip netns exec node sysctl -qw net.bridge.bridge-nf-call-iptables=1
ip netns exec pod ping -c 2 -i 0.2 -W 1 10.96.0.20 | grep -E 'bytes from|transmitted'
ip netns exec node conntrack -L
ip netns exec node iptables -t nat -L KUBE-SEP-WEB -v -n
