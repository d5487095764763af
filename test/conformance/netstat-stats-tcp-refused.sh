# A TCP connection refused: a's SYN, b's RST (OutRsts), a's failed attempt
# (AttemptFails), and the segments each side counts.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# Traffic only once both ends are up (linkwatch activates a device's qdisc with its operstate).
for i in $(seq 100); do ip -n a link show eth0 | grep -q 'state UP' && ip -n b link show eth0 | grep -q 'state UP' && break; sleep 0.05; done
ip netns exec a nc -z 10.0.0.2 9001
echo "refused $?"
ip netns exec a nc -z 10.0.0.2 9002
echo "refused $?"
echo "== a"
ip netns exec a netstat -s
echo "== b"
ip netns exec b netstat -s
echo "== a -t"
ip netns exec a netstat -s -t
