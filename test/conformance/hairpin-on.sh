# Hairpin with `bridge link set dev veth hairpin on` (what kubelet's hairpin-veth mode does): the
# DNATed frame goes back out the port it came in on, and kube-proxy's KUBE-SEP rule for the
# endpoint's own address marks it for MASQUERADE, so the pod sees its echo request come from the
# bridge's address and its reply is un-NATed back to the service address. Without that
# masquerade the pod drops its own address coming in as a martian: the entry stays [UNREPLIED].
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
ip netns exec node iptables -t mangle -A FORWARD -m physdev --physdev-in veth-web --physdev-out veth-web
ip netns exec node iptables -t mangle -A POSTROUTING -m physdev --physdev-is-bridged
bridge -n node link set dev veth-web hairpin on
bridge -n node link show | sed -E 's/^[0-9]+: //'
bridge -n node -d link show dev veth-web | grep -o 'hairpin [a-z]*'
echo "== pod -> its own service, hairpin on"
ip netns exec pod ping -c 2 -W 1 10.96.0.20
ip netns exec node conntrack -L | ct
ip netns exec node conntrack -L -o extended | ct
ip netns exec node iptables-save -c -t nat | grep '^\['
ip netns exec node iptables-save -c -t mangle | grep '^\['
echo "== without the endpoint's masquerade"
ip netns exec node conntrack -F
ip netns exec node iptables -t nat -D KUBE-SEP-WEB -s 10.244.1.5/32 -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -Z
ip netns exec pod ping -c 2 -i 0.2 -W 1 10.96.0.20 | grep -E 'bytes from|transmitted'
ip netns exec node conntrack -L | ct
ip netns exec node iptables -t nat -L -v -n | grep -v '^$'
