# curl against REJECT rules: a TCP reset and an ICMP port unreachable both end
# the connect with "Connection refused" (exit 7); counters show one packet each.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p tcp --dport 8081 -j REJECT --reject-with tcp-reset
ip netns exec b iptables -A INPUT -p tcp --dport 8082 -j REJECT
ip netns exec a iptables -A INPUT -p tcp --tcp-flags RST RST -j ACCEPT
ip netns exec a iptables -A INPUT -p icmp -j ACCEPT
ip netns exec a curl -sv http://10.0.0.2:8081/
echo "tcp-reset $?"
ip netns exec a curl -sv http://10.0.0.2:8082/
echo "port-unreachable $?"
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec a iptables -L INPUT -v -n -x
