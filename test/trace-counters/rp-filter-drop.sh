# rp_filter drops a packet from a source that routes back by another link:
# after PREROUTING of every table (nat too: a NAT target makes conntrack
# follow flows), before FORWARD.
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
ip -n h1 addr add 10.0.9.1/24 dev eth0
# The router's MAC is known before: rp_filter would ignore ARP from 10.0.9.1 as well.
ip netns exec h1 ping -c1 -W1 10.0.1.1 >/dev/null
S="ip netns exec r"
$S ip route add 10.0.9.0/24 via 10.0.2.2
$S sysctl -qw net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.eth0.rp_filter=1
$S iptables -t raw -A PREROUTING -s 10.0.9.1
$S iptables -t mangle -A PREROUTING -s 10.0.9.1
$S iptables -t nat -A PREROUTING -s 10.0.9.1
$S iptables -t nat -A POSTROUTING -o eth1 -j MASQUERADE
$S iptables -A FORWARD
$S iptables -A INPUT
# probe: ip netns exec h1 ping -c1 -W1 -I 10.0.9.1 10.0.2.2
