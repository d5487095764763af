# DNAT of ping to a virtual IP across a router: only the first packet walks the nat table,
# replies come back from the VIP, the router's entry shows both tuples.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev ra
ip -n r addr add 10.0.2.1/24 dev rb
ip -n b addr add 10.0.2.2/24 dev eth0
for ns in a b r; do ip -n $ns link set lo up; done
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via 10.0.1.1
ip -n b route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -t nat -A PREROUTING -d 10.0.9.100 -p icmp -j DNAT --to-destination 10.0.2.2
ip netns exec r iptables -t nat -A POSTROUTING -j ACCEPT
ip netns exec a ping -c 3 -i 0.2 10.0.9.100
echo "ping $?"
ip netns exec r conntrack -L | ct
ip netns exec r conntrack -L -g | ct
ip netns exec r conntrack -L -n | ct
ip netns exec r conntrack -L -g 10.0.2.2 | ct
ip netns exec r conntrack -L -j 10.0.2.3
ip netns exec r iptables -t nat -L -v -n
ip netns exec b conntrack -L
echo "== second flow"
ip netns exec a ping -c 1 10.0.9.100 > /dev/null
ip netns exec a ping -c 1 10.0.1.1 > /dev/null
ip netns exec r conntrack -C
ip netns exec r iptables -t nat -L -v -n -x
ip netns exec r iptables -t nat -Z
ip netns exec r conntrack -F
ip netns exec a ping -c 2 -i 0.2 10.0.9.100 > /dev/null
ip netns exec r iptables -t nat -L PREROUTING -v -n
