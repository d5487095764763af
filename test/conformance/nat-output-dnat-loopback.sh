# DNAT in OUTPUT to 127.0.0.1: the ping is re-routed through lo and its replies are un-NATed (they
# come from the address pinged); with the replies untracked (raw OUTPUT NOTRACK) nothing un-NATs them
# and ping flags them (DIFFERENT ADDRESS!); while lo is down the re-route fails: the packet is dropped
# without an error to ping and without a conntrack entry.
ct() { sed -E 's/^(icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g' | sort; }
ip netns add a
ip link add va netns a type veth peer name vb
ip -n a addr add 10.0.0.1/24 dev va
ip -n a link set va up
ip netns exec a iptables -t nat -A OUTPUT -d 10.0.0.2 -j DNAT --to-destination 127.0.0.1
echo "== lo down"
ip netns exec a ping -c1 -W1 10.0.0.2; echo "ping $?"
ip netns exec a conntrack -L 2>&1 | ct
ip -n a link set lo up
echo "== lo up"
ip netns exec a ping -c2 -i 0.2 10.0.0.2; echo "ping $?"
ip netns exec a conntrack -L 2>&1 | ct
echo "== replies untracked"
ip netns exec a iptables -t raw -A OUTPUT -p icmp --icmp-type echo-reply -j NOTRACK
ip netns exec a ping -c1 10.0.0.2; echo "ping $?"
ip netns exec a iptables -t nat -L OUTPUT -v -n
ip netns exec a iptables -t raw -L OUTPUT -v -n
