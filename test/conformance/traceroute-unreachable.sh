# Unreachable verdicts at the middle router r2, as traceroute annotates
# them: no route (!N), an unreachable route (!H), a prohibit route (!X), a
# blackhole route (silence, then stars up to -m), and REJECT with
# net-unreachable (!N), proto-unreachable (!P) and net-prohibited (!X).
# Route errors (ip_error) have their own token bucket per sender, a burst of
# 5 then one a second, which icmp_ratelimit=0 does not lift: each of those
# traces uses a fresh source address (-s) so that its burst is whole.
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
for i in 3 4 5; do ip -n h1 addr add 10.0.1.$i/24 dev eth0; done
t() { ip netns exec h1 traceroute -n -m 4 -w 0.5 -s $2 10.0.4.4; echo "$1: $?"; }
ip -n r2 route del 10.0.4.0/24
t "no route" 10.0.1.2
ip -n r2 route add unreachable 10.0.4.0/24
t "unreachable route" 10.0.1.3
ip -n r2 route replace prohibit 10.0.4.0/24
t "prohibit route" 10.0.1.4
ip -n r2 route replace blackhole 10.0.4.0/24
ip netns exec h1 traceroute -n -q 1 -N 1 -m 4 -w 0.3 -s 10.0.1.5 10.0.4.4
echo "blackhole route: $?"
ip -n r2 route replace 10.0.4.0/24 via 10.0.3.3
ip netns exec r2 iptables -A FORWARD -p udp -j REJECT --reject-with icmp-net-unreachable
t net-unreachable 10.0.1.2
ip netns exec r2 iptables -R FORWARD 1 -p udp -j REJECT --reject-with icmp-proto-unreachable
t proto-unreachable 10.0.1.3
ip netns exec r2 iptables -R FORWARD 1 -p udp -j REJECT --reject-with icmp-net-prohibited
t net-prohibited 10.0.1.4
ip netns exec r2 iptables -R FORWARD 1 -p udp -j REJECT --reject-with icmp-host-prohibited
ip netns exec h1 traceroute -m 4 -w 0.5 10.0.4.4
echo "host-prohibited, names: $?"
ip netns exec r2 iptables -L FORWARD -v -n -x
