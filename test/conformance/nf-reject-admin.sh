# REJECT defaults to port unreachable; admin-prohibited shows as "Packet filtered"; a non-matching REJECT passes.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p tcp -j REJECT
ip netns exec a ping -c 1 10.0.0.2 | grep -v rtt
ip netns exec b iptables -I INPUT -p icmp -j REJECT
echo "== default"
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
echo "ping: $?"
ip netns exec b iptables -R INPUT 1 -p icmp -j REJECT --reject-with icmp-admin-prohibited
echo "== admin-prohibited"
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
echo "ping: $?"
ip netns exec b iptables -L INPUT -v -x -n
