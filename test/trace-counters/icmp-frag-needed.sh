# A ping too big for the router's next link with DF set: the router answers
# frag needed before FORWARD.
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
ip -n r link set eth1 mtu 1000
S="ip netns exec r"
$S iptables -t mangle -A PREROUTING -m length --length 1401:
$S iptables -A FORWARD
$S iptables -A OUTPUT -p icmp --icmp-type fragmentation-needed
ip netns exec h1 iptables -A INPUT -p icmp -m conntrack --ctstate RELATED
# probe: ip netns exec h1 ping -c1 -W1 -M do -s 1400 10.0.2.2
