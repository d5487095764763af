# DNAT in OUTPUT: a locally generated ping to a virtual IP is re-routed to its new
# destination; REDIRECT in PREROUTING answers a forwarded ping from the router itself.
ct() { sed -E 's/^(icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
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
ip netns exec r iptables -t nat -A OUTPUT -d 172.16.0.10 -j DNAT --to-destination 10.0.2.2
echo "== OUTPUT DNAT"
ip netns exec r ping -c 2 -i 0.2 172.16.0.10
echo "ping $?"
ip netns exec r conntrack -L | ct
ip netns exec r iptables -t nat -L OUTPUT -v -n
echo "== PREROUTING REDIRECT"
ip netns exec r iptables -t nat -A PREROUTING -i ra -d 10.0.2.2 -j REDIRECT
ip netns exec a ping -c 2 -i 0.2 10.0.2.2
echo "ping $?"
ip netns exec r conntrack -L -s 10.0.1.2 | ct
ip netns exec b conntrack -L
ip netns exec r iptables -t nat -L PREROUTING -v -n
