# SNAT to a chosen address of the router; the source is rewritten on the way out and the
# reply's destination back on the way in.
ct() { sed -E 's/^(icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev ra
ip -n r addr add 10.0.2.1/24 dev rb
ip -n r addr add 10.0.2.50/24 dev rb
ip -n b addr add 10.0.2.2/24 dev eth0
for ns in a b r; do ip -n $ns link set lo up; done
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via 10.0.1.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -t nat -A POSTROUTING -o rb -j SNAT --to-source 10.0.2.50
ip netns exec b iptables -A INPUT -s 10.0.2.50 -j ACCEPT
ip netns exec a ping -c 2 -i 0.2 10.0.2.2
echo "ping $?"
ip netns exec r conntrack -L | ct
ip netns exec r conntrack -L -n | ct
ip netns exec r conntrack -L --reply-dst 10.0.2.50 | ct
ip netns exec r iptables -t nat -S
ip netns exec r iptables -t nat -L POSTROUTING -v -n
ip netns exec b iptables -L INPUT -v -n
