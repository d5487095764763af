# A write larger than the MSS: veth does GSO, so iptables and conntrack
# count it as one packet on both hosts.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p tcp --dport 8080
ip netns exec b iptables -A OUTPUT -p tcp --sport 8080
ip netns exec a iptables -A OUTPUT -p tcp --dport 8080
ip netns exec b nc -l -p 8080 > /tmp/tcp-nc-bulk.out &
L=$!
sleep 0.2
seq 1 1000 | ip netns exec a nc -N 10.0.0.2 8080
echo "client $?"
wait $L
echo "server $?"
wc -c < /tmp/tcp-nc-bulk.out
tail -n 2 /tmp/tcp-nc-bulk.out
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b iptables -L OUTPUT -v -n -x
ip netns exec a iptables -L OUTPUT -v -n -x
