# nc -u -l -k stays unconnected: it takes datagrams from every sender (no
# connect to the first one), and answers none of them; ss shows it UNCONN
# all along. Without -k the second sender is refused (see udp-nc.sh).
# Files of this run: --self-check runs two real copies at once, sharing /tmp.
T=/tmp/udp-nc-keep.$RANDOM
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p udp --dport 9000
ip netns exec b iptables -A OUTPUT -p icmp
ip netns exec b nc -u -l -k -v -n -p 9000 > $T.out 2> $T.err &
L=$!
until ip netns exec b ss -Hlun | grep -q .; do sleep 0.05; done
echo one | ip netns exec a nc -u -q0 -p 4001 10.0.0.2 9000
echo "one $?"
echo two | ip netns exec a nc -u -q0 -p 4002 10.0.0.2 9000
echo "two $?"
printf 'three\nfour\n' | ip netns exec a nc -u -q0 -s 10.0.0.1 10.0.0.2 9000
echo "three $?"
sleep 0.2
ip netns exec b ss -uan
kill $L
wait $L
echo "listener $?"
cat $T.out
cat $T.err
ip netns exec b iptables -L -v -n -x
