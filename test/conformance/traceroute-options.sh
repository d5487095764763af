# -f, -m, -q, -w, -N, -p and the packet length: first and last hops, probes
# per hop, header lines, and the errors for a path with no route.
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
ip netns exec h1 traceroute -n -f 2 10.0.4.4
echo "-f 2: $?"
ip netns exec h1 traceroute -n -m 2 10.0.4.4
echo "-m 2: $?"
ip netns exec h1 traceroute -n -f 3 -m 3 -q 5 10.0.4.4
echo "-f 3 -m 3 -q 5: $?"
ip netns exec h1 traceroute -n -q 1 -N 1 -p 40000 10.0.4.4
echo "-p 40000: $?"
ip netns exec h1 traceroute -n -q 2 -w 2,1,1 10.0.4.4 100
echo "packetlen 100: $?"
ip netns exec h1 traceroute -n -m 0x3 -q1 10.0.4.4 10
echo "packetlen 10: $?"
ip netns exec h1 traceroute -I -n -m 1 10.0.4.4 10
echo "-I packetlen 10: $?"
ip netns exec h1 traceroute -T -n -m 1 10.0.4.4 10
echo "-T packetlen 10: $?"
ip netns exec h1 traceroute -n 10.0.1.2
echo "self: $?"
ip netns exec h1 traceroute -n 127.0.0.1
echo "loopback: $?"
ip netns exec h1 traceroute -n 192.0.2.1
echo "no route: $?"
ip netns exec h1 traceroute -I -n 192.0.2.1
echo "-I no route: $?"
ip netns exec h1 traceroute -T -n 192.0.2.1
echo "-T no route: $?"
