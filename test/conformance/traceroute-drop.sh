# A router that drops: r2 sends no time-exceeded errors (its OUTPUT drops
# them), so hop 2 is a row of stars while the hops behind it answer; then r2
# drops everything it forwards, and the trace ends in stars at -m.
# h1 -- r1 -- r2 -- r3 -- h2. h1 has no default route: name lookups fail at once (no DNS here).
for ns in h1 r1 r2 r3 h2; do ip netns add $ns; ip -n $ns link set lo up; done
ip link add eth0 netns h1 type veth peer name eth0 netns r1
ip link add eth1 netns r1 type veth peer name eth0 netns r2
ip link add eth1 netns r2 type veth peer name eth0 netns r3
ip link add eth1 netns r3 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r1 addr add 10.0.1.1/24 dev eth0
ip -n r1 addr add 10.0.2.1/24 dev eth1
ip -n r2 addr add 10.0.2.2/24 dev eth0
ip -n r2 addr add 10.0.3.2/24 dev eth1
ip -n r3 addr add 10.0.3.3/24 dev eth0
ip -n r3 addr add 10.0.4.3/24 dev eth1
ip -n h2 addr add 10.0.4.4/24 dev eth0
for ns in h1 r1 r2 r3 h2; do
  ip -n $ns link set eth0 up
  ip -n $ns link set eth1 up 2>/dev/null
done
for ns in r1 r2 r3; do ip netns exec $ns sysctl -qw net.ipv4.ip_forward=1; done
ip -n h1 route add 10.0.0.0/16 via 10.0.1.1
ip -n r1 route add 10.0.0.0/16 via 10.0.2.2
ip -n r2 route add 10.0.1.0/24 via 10.0.2.1
ip -n r2 route add 10.0.4.0/24 via 10.0.3.3
ip -n r3 route add 10.0.0.0/16 via 10.0.3.2
ip -n h2 route add 10.0.0.0/16 via 10.0.4.3
for ns in r1 r2 r3 h2; do ip netns exec $ns sysctl -qw net.ipv4.icmp_ratelimit=0; done
ip netns exec r2 iptables -A OUTPUT -p icmp --icmp-type time-exceeded -j DROP
sleep 1
ip netns exec h1 traceroute -n 10.0.4.4
echo "silent r2: $?"
ip netns exec r2 iptables -F OUTPUT
ip netns exec r2 iptables -A FORWARD -j DROP
ip netns exec h1 traceroute -n -m 5 -w 1 10.0.4.4
echo "dropping r2: $?"
ip netns exec h1 traceroute -n -m 4 -w 0.5 -q 1 -N 1 10.0.4.4
echo "dropping r2, one probe at a time: $?"
ip netns exec r2 iptables -L FORWARD -v -n -x
