# Conntrack INVALID: r does not track echo requests (raw NOTRACK), so the echo reply finds no
# entry, and an echo reply cannot start one: it is INVALID and the FORWARD rule drops it.
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
$S iptables -t raw -A PREROUTING -p icmp --icmp-type echo-request -j NOTRACK
$S iptables -A FORWARD -m conntrack --ctstate INVALID -j DROP
$S iptables -A FORWARD -m conntrack --ctstate UNTRACKED -j ACCEPT
$S iptables -A FORWARD -j LOG
# probe: ip netns exec h1 ping -c1 -W1 10.0.2.2
