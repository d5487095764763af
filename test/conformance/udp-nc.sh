# UDP between two namespaces with nc: a listener that connects to its first
# sender, ICMP port unreachable from a port without a socket, and the
# counters and conntrack entries that traffic leaves.
ct() { sed -E 's/^(udp +17) [0-9]+ /\1 T /; s/sport=[0-9]{5} /sport=EPH /g; s/dport=[0-9]{5} /dport=EPH /g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p udp --dport 9000 -m conntrack --ctstate NEW -j ACCEPT
ip netns exec b iptables -A INPUT -p udp --dport 9001
ip netns exec b iptables -A OUTPUT -p icmp
echo "== listen"
ip netns exec b nc -u -l -n -v -p 9000 > /tmp/udp-nc.out &
L=$!
sleep 0.2
echo hello | ip netns exec a nc -u -w1 -p 4444 10.0.0.2 9000
echo "send $?"
echo again | ip netns exec a nc -u -q0 -p 4444 10.0.0.2 9000
echo "again $?"
echo "== a second sender is refused: the listener is connected to the first"
echo other | ip netns exec a nc -u -q0 -p 4445 10.0.0.2 9000
echo "other $?"
kill $L
wait $L
echo "listener $?"
cat /tmp/udp-nc.out
echo "== closed port"
echo hi | ip netns exec a nc -u -w3 10.0.0.2 9001
echo "closed $?"
echo hi | ip netns exec a nc -u -v -w3 10.0.0.2 9001
echo "closed -v $?"
ip netns exec a nc -u -z 10.0.0.2 9001
echo "closed -z $?"
ip netns exec a nc -u -z -v -n 10.0.0.2 9001
echo "closed -zv $?"
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b iptables -L OUTPUT -v -n -x
ip netns exec b conntrack -L -p udp 2>&1 | ct | sort
