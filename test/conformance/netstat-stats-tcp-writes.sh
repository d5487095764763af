# Three writes 0.2 s apart: the first ACK a receives takes TCP's slow path
# (TCPPureAcks; with window scaling header prediction starts only once
# the peer's window changes), the next two are predicted (TCPHPAcks).
# Received data is never counted as predicted here (TCPHPHits 0).
# TCPRcvCoalesce depends on scheduling (filtered).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# Traffic only once both ends are up (linkwatch activates a device's qdisc with its operstate).
for i in $(seq 100); do ip -n a link show eth0 | grep -q 'state UP' && ip -n b link show eth0 | grep -q 'state UP' && break; sleep 0.05; done
ip netns exec b nc -l -p 8080 > /dev/null &
L=$!
for i in $(seq 100); do ip netns exec b ss -Htln | grep -q . && break; sleep 0.05; done
(echo one; sleep 0.2; echo two; sleep 0.2; echo three) | ip netns exec a nc -N 10.0.0.2 8080
echo "client $?"
wait $L
for ns in a b; do
  echo "== $ns"
  ip netns exec $ns netstat -s -t | grep -v TCPRcvCoalesce
done
