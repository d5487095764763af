# nc -z against open, closed, dropped and rejected TCP ports, with -v and -w.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p tcp --dport 81 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 82 -j REJECT
ip netns exec b iptables -A INPUT -p tcp --dport 83 -j REJECT --reject-with icmp-host-prohibited
ip netns exec b nc -l -k -n -v -p 8080 2> /tmp/tcp-nc-scan.err &
L=$!
sleep 0.2
ip netns exec a nc -z -v 10.0.0.2 8080
echo "open $?"
ip netns exec a nc -z -n -v 10.0.0.2 8080
echo "open -n $?"
ip netns exec a nc -z 10.0.0.2 8080
echo "open quiet $?"
ip netns exec a nc -z -v -w 2 10.0.0.2 81
echo "dropped $?"
ip netns exec a nc -z -v 10.0.0.2 82
echo "rejected $?"
ip netns exec a nc -z -v 10.0.0.2 83
echo "prohibited $?"
ip netns exec a nc -z -v -s 10.0.0.7 10.0.0.2 8080
echo "bad source $?"
ip netns exec a nc -z -v -s 10.0.0.1 -p 5555 10.0.0.2 8080
echo "source port $?"
kill $L
wait $L
echo "listener $?"
sed -E 's/ [0-9]{5}$/ EPH/' /tmp/tcp-nc-scan.err
ip netns exec b iptables -L INPUT -v -n -x
