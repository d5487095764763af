# traceroute -I: ICMP echo requests with rising TTL, answered by time-exceeded
# errors and finally the target's echo reply. -w MAX alone turns off the
# HERE/NEAR timeouts (3 and 10 times a neighbour's round trip), which on a
# busy machine expire probes whose answers wait unread on the one socket.
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
sleep 1
ip netns exec h1 traceroute -I -w 2 10.0.4.4
echo "traceroute -I: $?"
ip netns exec h1 traceroute -I -n -q 1 -f 3 -w 2 10.0.4.4
echo "-I -f 3: $?"
ip netns exec r3 iptables -A FORWARD -p icmp --icmp-type echo-request -j DROP
ip netns exec h1 traceroute -I -n -m 5 -w 0.5 10.0.4.4
echo "-I dropped: $?"
ip netns exec h1 traceroute -I -n -N 1 -q 1 -m 4 -w 0.5 10.0.4.4
echo "-I -N 1 dropped: $?"
