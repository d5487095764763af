# A TCP connection with a little data and a clean close (a's FIN first):
# active and passive opens, segments each way, TIME-WAIT entered on a
# (TcpExt TW counts it at once), pure ACKs, original data and deliveries.
# TCPRcvCoalesce depends on whether b's reader ran before the FIN arrived
# (measured: 0 or 1 between runs), so it is filtered out.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# Traffic only once both ends are up (linkwatch activates a device's qdisc with its operstate).
for i in $(seq 100); do ip -n a link show eth0 | grep -q 'state UP' && ip -n b link show eth0 | grep -q 'state UP' && break; sleep 0.05; done
ip netns exec b nc -l -p 8080 &
L=$!
for i in $(seq 100); do ip netns exec b ss -Htln | grep -q . && break; sleep 0.05; done
echo hello | ip netns exec a nc -N 10.0.0.2 8080
echo "client $?"
wait $L
echo "server $?"
for ns in a b; do
  echo "== $ns"
  ip netns exec $ns netstat -s | grep -v TCPRcvCoalesce
done
