# A mark set in mangle OUTPUT makes the host route its own packet again
# (ip_route_me_harder): it leaves by the link the fwmark rule chooses.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip link add eth1 netns h1 type veth peer name eth1 netns h2
ip -n h1 addr add 10.0.5.1/24 dev eth1
ip -n h2 addr add 10.0.5.2/24 dev eth1
ip -n h1 link set eth1 up
ip -n h2 link set eth1 up
ip -n h2 addr add 10.0.9.9/32 dev lo
S="ip netns exec h1"
$S ip route add 10.0.9.9 via 10.0.0.2
$S ip rule add fwmark 1 lookup 50
$S ip route add 10.0.9.9 via 10.0.5.2 table 50
$S iptables -t mangle -A OUTPUT -d 10.0.9.9 -j MARK --set-mark 1
$S iptables -A OUTPUT -o eth1
$S iptables -A OUTPUT -o eth0
$S iptables -t mangle -A POSTROUTING -o eth1 -m mark --mark 1
ip netns exec h2 iptables -A INPUT -i eth1
ip netns exec h2 iptables -A INPUT -i eth0
# probe: ip netns exec h1 ping -c1 -W1 10.0.9.9
