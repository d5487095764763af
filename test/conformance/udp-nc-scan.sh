# nc -u -z -v against an open UDP port: probe bytes ("X") at 0, 0, 1 s
# (with -w1), then the success line; the listener prints them.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p udp --dport 9002
ip netns exec b nc -u -l -p 9002 > /tmp/udp-nc-scan.out &
L=$!
sleep 0.2
ip netns exec a nc -z -u -v -w1 10.0.0.2 9002
echo "open $?"
ip netns exec a nc -z -u -v -n -w2 10.0.0.2 9002
echo "refused by the connected listener $?"
kill $L
wait $L
echo "listener $?"
cat /tmp/udp-nc-scan.out
echo
ip netns exec b iptables -L INPUT -v -n -x
echo "== usage errors"
ip netns exec a nc
echo "nc $?"
ip netns exec a nc -l
echo "nc -l $?"
ip netns exec a nc 10.0.0.2
echo "nc host $?"
ip netns exec a nc 10.0.0.2 99999
echo "nc port $?"
ip netns exec a nc 10.0.0.2 abc
echo "nc port $?"
ip netns exec a nc -z -l -p 80
echo "nc -zl $?"
ip netns exec a nc -w x 10.0.0.2 80
echo "nc -w $?"
ip netns exec a nc -q x 10.0.0.2 80
echo "nc -q $?"
ip netns exec a nc -k 10.0.0.2 80
echo "nc -k $?"
ip netns exec a nc -y 10.0.0.2 80
echo "nc -y $?"
ip netns exec a nc -u -s 10.0.0.7 10.0.0.2 80
echo "nc -s $?"
