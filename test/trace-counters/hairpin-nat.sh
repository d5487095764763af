# Hairpin NAT as kube-proxy programs it: a pod reaches its own ClusterIP. The bridged frame is
# DNATed back to the port it came in by (hairpin on), marked for MASQUERADE because the endpoint
# is its own client; the echo reply is un-NATed on its way back through the same port.
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
bridge -n node link set dev veth-web hairpin on
sleep 1
S="ip netns exec node"
$S iptables -t nat -N KUBE-SERVICES
$S iptables -t nat -N KUBE-MARK-MASQ
$S iptables -t nat -N KUBE-POSTROUTING
$S iptables -t nat -N KUBE-SEP-WEB
$S iptables -t nat -A PREROUTING -j KUBE-SERVICES
$S iptables -t nat -A POSTROUTING -j KUBE-POSTROUTING
$S iptables -t nat -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
$S iptables -t nat -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
$S iptables -t nat -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
$S iptables -t nat -A KUBE-POSTROUTING -j MASQUERADE --random-fully
$S iptables -t nat -A KUBE-SERVICES -d 10.96.0.20/32 -j KUBE-SEP-WEB
$S iptables -t nat -A KUBE-SEP-WEB -s 10.244.1.5/32 -j KUBE-MARK-MASQ
$S iptables -t nat -A KUBE-SEP-WEB -j DNAT --to-destination 10.244.1.5
$S iptables -A FORWARD -m physdev --physdev-in veth-web --physdev-out veth-web
$S iptables -A INPUT -m physdev --physdev-in veth-web
ip netns exec pod iptables -A INPUT -s 10.96.0.20 -p icmp --icmp-type echo-reply
ip netns exec pod iptables -A INPUT -s 10.244.1.1 -p icmp --icmp-type echo-request
# probe: ip netns exec pod ping -c1 -W1 10.96.0.20
