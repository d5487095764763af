# Targets that let the packet go on (LOG, MARK, TOS, TTL) count and continue
# to the next rule.
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
S="ip netns exec r"
$S iptables -t mangle -A FORWARD -j LOG --log-prefix "fwd "
$S iptables -t mangle -A FORWARD -j MARK --set-mark 3
$S iptables -t mangle -A FORWARD -m mark --mark 3 -j TOS --set-tos 0x10
$S iptables -t mangle -A FORWARD -j TTL --ttl-set 9
$S iptables -t mangle -A FORWARD -j ACCEPT
$S iptables -t mangle -A FORWARD
$S iptables -A FORWARD -m mark --mark 3
ip netns exec h2 iptables -A INPUT -m length --length 84
# probe: ip netns exec h1 ping -c1 -W1 10.0.2.2
