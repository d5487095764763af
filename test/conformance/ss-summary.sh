# ss -s: sockets of the namespace by transport, with listeners, an
# established connection, one in TIME-WAIT and UDP sockets bound and
# connected. The "TCP:" line counts machine-wide allocations on Linux, and
# "Total:" the namespace's sockets of every kind, netlink sockets of earlier
# commands not yet freed included: both are masked.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
mask() { sed -E 's/^TCP: .*/TCP: (machine-wide)/; s/^Total: .*/Total: (all kinds)/'; }
summary() { ip netns exec $1 ss -s | mask; }
echo "== empty"; summary a
ip netns exec b nc -l -p 8080 > /dev/null &
ip netns exec b nc -l -p 8081 > /dev/null &
ip netns exec b nc -u -l -p 53 > /dev/null &
until [ "$(ip netns exec b ss -Htuln | wc -l)" = 3 ]; do sleep 0.05; done
echo bye | ip netns exec a nc -N 10.0.0.2 8081
{ echo hi; sleep 1; } | ip netns exec a nc -N -p 40000 10.0.0.2 8080 &
sleep 1 | ip netns exec a nc -u -q0 -p 40001 10.0.0.2 53 &
until [ "$(ip netns exec a ss -Htun state established | wc -l)" = 2 ]; do sleep 0.05; done
echo "== a"; summary a
echo "== b"; summary b
echo "== a ss -s -t (the table and the sockets)"; ip netns exec a ss -s -tn | mask
wait %4 %5
kill %3
wait
