# DNAT of locally made packets in nat OUTPUT: a virtual address rewritten before
# the route is looked up again.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
S="ip netns exec h1"
$S ip route add 10.9.9.0/24 dev eth0
$S iptables -t nat -A OUTPUT -d 10.9.9.9 -j DNAT --to-destination 10.0.0.2
$S iptables -t nat -A OUTPUT
$S iptables -t nat -A POSTROUTING -d 10.0.0.2
$S iptables -A OUTPUT -d 10.0.0.2
$S iptables -A OUTPUT -d 10.9.9.9
$S iptables -A INPUT -s 10.9.9.9
$S iptables -A INPUT -s 10.0.0.2
# probe: ip netns exec h1 ping -c1 -W1 10.9.9.9
