# A stateful host firewall: only replies to what the host started get in.
ct() { sed -E 's/^(icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec a iptables -P INPUT DROP
ip netns exec a iptables -A INPUT -i lo -j ACCEPT
ip netns exec a iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec a iptables -A INPUT -m conntrack --ctstate INVALID -j LOG --log-prefix "invalid "
echo "== a pings b"
ip netns exec a ping -c 3 -i 0.2 10.0.0.2
echo "ping $?"
echo "== b pings a"
ip netns exec b ping -c 1 -W 1 10.0.0.1
echo "ping $?"
ip netns exec a iptables -L INPUT -v -n
ip netns exec a conntrack -L | ct
ip netns exec a iptables -Z
ip netns exec a iptables -I INPUT -m state --state NEW -j ACCEPT
ip netns exec b ping -c 2 -i 0.2 10.0.0.1 > /dev/null
echo "ping $?"
ip netns exec a iptables -L INPUT -v -n
ip netns exec a conntrack -L 2>&1 | ct | sort
