# filter INPUT on a host: drop pings from one source, count them, then policy DROP.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -s 10.0.0.1 -p icmp --icmp-type echo-request -j DROP
echo "== drop from 10.0.0.1"
ip netns exec a ping -c 3 -i 0.2 -W 1 10.0.0.2
echo "ping: $?"
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec b iptables-save -c | grep -v '^#'
echo "== replaced by an ACCEPT"
ip netns exec b iptables -R INPUT 1 -s 10.0.0.1 -j ACCEPT
ip netns exec a ping -c 2 -i 0.2 10.0.0.2 | grep -v rtt
ip netns exec b iptables -L INPUT -v -x -n --line-numbers
echo "== policy DROP"
ip netns exec b iptables -F INPUT
ip netns exec b iptables -P INPUT DROP
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2
echo "ping: $?"
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec b iptables -Z
ip netns exec b iptables-save -c -t filter | grep -v '^#'
