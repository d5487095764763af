# A mark set in mangle PREROUTING picks the routing table (ip rule fwmark):
# the router forwards out of a second link, where -m mark and -o see it.
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
ip link add eth2 netns r type veth peer name eth1 netns h2
ip -n r addr add 10.0.3.1/24 dev eth2
ip -n h2 addr add 10.0.3.2/24 dev eth1
ip -n r link set eth2 up
ip -n h2 link set eth1 up
S="ip netns exec r"
$S ip rule add fwmark 7 lookup 100
$S ip route add 10.0.2.0/24 via 10.0.3.2 dev eth2 table 100
$S sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth2.rp_filter=0
ip netns exec h2 sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth1.rp_filter=0
$S iptables -t mangle -A PREROUTING -i eth0 -p icmp -j MARK --set-mark 7
$S iptables -t mangle -A PREROUTING -m mark --mark 7
$S iptables -A FORWARD -m mark --mark 7 -o eth2
$S iptables -A FORWARD -o eth1
$S iptables -A FORWARD -i eth1
ip netns exec h2 iptables -A INPUT -i eth1
ip netns exec h2 iptables -A INPUT -i eth0
# probe: ip netns exec h1 ping -c1 -W1 10.0.2.2
