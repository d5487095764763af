# ICMP errors are RELATED to the flow they quote and NATed back: the outer source and the
# quoted datagram show the virtual IP the client used. A flow whose first packet dies in
# routing leaves no entry.
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
ip netns exec r iptables -t nat -A PREROUTING -d 10.0.9.100 -j DNAT --to-destination 10.0.2.2
ip netns exec r iptables -t nat -A PREROUTING -d 10.0.9.101 -j DNAT --to-destination 10.0.3.3
for s in ESTABLISHED RELATED NEW INVALID; do
  ip netns exec r iptables -A FORWARD -m conntrack --ctstate $s -j ACCEPT
done
ip netns exec a iptables -A INPUT -m state --state RELATED -j LOG --log-prefix "related "
ip netns exec a iptables -A INPUT -m state --state RELATED -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -j REJECT --reject-with icmp-host-prohibited
echo "== rejected by b"
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.9.100
echo "ping $?"
ip netns exec r conntrack -L | ct
ip netns exec r iptables -L FORWARD -v -n -x
ip netns exec a iptables -L INPUT -v -n -x
ip netns exec a conntrack -L | ct
echo "== no route to the new destination"
ip netns exec r conntrack -F
ip netns exec a ping -c 1 -W 1 10.0.9.101
echo "ping $?"
ip netns exec r conntrack -L
ip netns exec r iptables -t nat -L PREROUTING -v -n
