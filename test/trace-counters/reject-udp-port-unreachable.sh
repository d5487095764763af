# REJECT of a UDP datagram: an ICMP port unreachable, which the sender's
# conntrack sees as RELATED.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec h2 iptables -A INPUT -p udp --dport 9000 -j REJECT
ip netns exec h2 iptables -A OUTPUT -p icmp --icmp-type port-unreachable
ip netns exec h1 iptables -A INPUT -m conntrack --ctstate RELATED
ip netns exec h1 iptables -A OUTPUT -p udp --dport 9000
# probe: echo hi | ip netns exec h1 nc -u -w1 10.0.0.2 9000
