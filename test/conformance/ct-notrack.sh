# raw NOTRACK / CT --notrack: the packets are UNTRACKED, no entry is made; CONNMARK and
# connmark follow a flow's mark.
ct() { sed -E 's/^(icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -t raw -A PREROUTING -p icmp --icmp-type echo-request -j CT --notrack
ip netns exec b iptables -t raw -A OUTPUT -p icmp --icmp-type echo-reply -j NOTRACK
ip netns exec b iptables -A INPUT -m state --state UNTRACKED -j ACCEPT
ip netns exec b iptables -A OUTPUT -m conntrack --ctstate UNTRACKED -j ACCEPT
ip netns exec b iptables -A OUTPUT -m conntrack --ctstate NEW
ip netns exec a ping -c 2 -i 0.2 10.0.0.2 > /dev/null
echo "ping $?"
ip netns exec b conntrack -L
ip netns exec b iptables -L -v -n
ip netns exec b iptables -t raw -F
ip netns exec b iptables -t mangle -A PREROUTING -j CONNMARK --set-mark 0x7
ip netns exec b iptables -t mangle -A INPUT -m connmark --mark 0x7 -j MARK --set-mark 0x3
ip netns exec b iptables -t mangle -A INPUT -m mark --mark 0x3
ip netns exec b iptables -t mangle -A OUTPUT -j CONNMARK --restore-mark
ip netns exec b iptables -t mangle -A OUTPUT -m mark --mark 0x7
ip netns exec a ping -c 2 -i 0.2 10.0.0.2 > /dev/null
echo "ping $?"
ip netns exec b conntrack -L | ct
ip netns exec b conntrack -L -m 7 | ct
ip netns exec b conntrack -L -m 8
ip netns exec b iptables -t mangle -L -v -n
