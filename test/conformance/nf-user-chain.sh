# User chains: jump, RETURN, goto, and which counters move.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a addr add 10.0.0.3/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -N CHECK
ip netns exec b iptables -N BLOCK
ip netns exec b iptables -P INPUT ACCEPT
ip netns exec b iptables -A INPUT -p icmp -j CHECK
ip netns exec b iptables -A INPUT -p icmp -j ACCEPT
ip netns exec b iptables -A CHECK -s 10.0.0.1 -j RETURN
ip netns exec b iptables -A CHECK -s 10.0.0.3 -g BLOCK
ip netns exec b iptables -A CHECK -j DROP
ip netns exec b iptables -A BLOCK -p icmp --icmp-type echo-request -j DROP
echo "== from 10.0.0.1"
ip netns exec a ping -c 2 -i 0.2 -I 10.0.0.1 10.0.0.2 | grep -v rtt
echo "== from 10.0.0.3"
ip netns exec a ping -c 2 -i 0.2 -W 1 -I 10.0.0.3 10.0.0.2
echo "ping: $?"
ip netns exec b iptables -L -v -x -n
ip netns exec b iptables -R BLOCK 1 -p icmp --icmp-type echo-reply -j DROP
echo "== goto falls off BLOCK: policy"
ip netns exec a ping -c 1 -I 10.0.0.3 10.0.0.2 | grep -v rtt
ip netns exec b iptables-save -c | grep -v '^#'
