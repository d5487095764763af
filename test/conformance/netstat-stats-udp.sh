# UDP counters: a datagram read by a listener (InDatagrams counts when the
# application reads it), one to a closed port (NoPorts, an ICMP port
# unreachable out of b and into a), and one refused by a's OUTPUT chain
# (OutDiscards, not OutDatagrams). netstat -s in full and with -u.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# Traffic only once both ends are up (linkwatch activates a device's qdisc with its operstate).
for i in $(seq 100); do ip -n a link show eth0 | grep -q 'state UP' && ip -n b link show eth0 | grep -q 'state UP' && break; sleep 0.05; done
ip netns exec b nc -u -l -p 9000 &
L=$!
for i in $(seq 100); do ip netns exec b ss -Hul | grep -q . && break; sleep 0.05; done
echo hello | ip netns exec a nc -u -q0 -p 4444 10.0.0.2 9000
for i in $(seq 100); do ip netns exec b ss -Hu | grep -q 4444 && break; sleep 0.05; done
kill $L
wait $L 2>/dev/null
echo hi | ip netns exec a nc -u -w1 10.0.0.2 9001
echo "closed $?"
ip netns exec a iptables -A OUTPUT -p udp --dport 9002 -j DROP
echo x | ip netns exec a nc -u -w1 10.0.0.2 9002
echo "dropped $?"
echo "== a"
ip netns exec a netstat -s
echo "== b"
ip netns exec b netstat -s
echo "== b -u"
ip netns exec b netstat -s -u
