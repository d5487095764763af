# filter OUTPUT on the sender: DROP and REJECT make sendmsg fail with EPERM.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec a iptables -A OUTPUT -d 10.0.0.2 -p icmp -j DROP
echo "== DROP"
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2
echo "ping: $?"
ip netns exec a iptables -R OUTPUT 1 -d 10.0.0.2 -j REJECT
echo "== REJECT"
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2
echo "ping: $?"
ip netns exec a iptables -L OUTPUT -v -x -n
ip netns exec a iptables -I OUTPUT -o eth1 -j DROP
ip netns exec a iptables -R OUTPUT 2 ! -o eth0 -j DROP
echo "== other interfaces"
ip netns exec a ping -c 1 10.0.0.2 | grep -v rtt
ip netns exec a iptables -L OUTPUT -v -x -n
ip netns exec a iptables-save -c | grep -v '^#'
