# nc's timers and listener options: -w idle timeout, -q after stdin EOF,
# -k serving clients one after another, a second listener on the port
# (SO_REUSEPORT), an unreachable host (ARP fails) and no route.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p tcp --dport 8080
echo "== -w 1 on an idle connection"
ip netns exec b nc -l -p 8080 > /dev/null &
L=$!
sleep 0.2
timeout 1 ip netns exec b nc -l -p 8080
echo "second listener $?"
echo hi | ip netns exec a nc -w 1 10.0.0.2 8080
echo "client $?"
wait $L
echo "server $?"
echo "== -q 1"
ip netns exec b nc -l -p 8080 &
L=$!
sleep 0.2
echo hi | ip netns exec a nc -q 1 10.0.0.2 8080
echo "client $?"
wait $L
echo "server $?"
echo "== -k"
ip netns exec b nc -l -k -p 8080 &
L=$!
sleep 0.2
echo one | ip netns exec a nc -N 10.0.0.2 8080
echo "c1 $?"
echo two | ip netns exec a nc -N 10.0.0.2 8080
echo "c2 $?"
kill $L
wait $L
echo "server $?"
ip netns exec b iptables -L INPUT -v -n -x
echo "== unreachable"
ip netns exec a nc -v 10.0.0.9 80
echo "unreachable $?"
ip netns exec a nc -v 10.9.0.9 80
echo "no route $?"
