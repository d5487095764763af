# The SET target on real ping traffic: sources added with the packet's counters, --exist, deletion, list:set.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n a addr add 10.0.0.3/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
sleep 1
ip netns exec b ipset create seen hash:ip counters initval 1
ip netns exec b ipset create seenp hash:ip,port initval 1
ip netns exec b ipset create gone hash:ip initval 1
ip netns exec b ipset add gone 10.0.0.3
ip netns exec b ipset create nets hash:net initval 1
ip netns exec b ipset create ls list:set
ip netns exec b ipset add ls nets
ip netns exec b iptables -A INPUT -p icmp -j SET --add-set seen src
ip netns exec b iptables -A INPUT -p icmp -j SET --add-set seenp src,src --del-set gone src
ip netns exec b iptables -A INPUT -p icmp -j SET --add-set ls src
ip netns exec b iptables -A OUTPUT -p icmp -j SET --add-set seen dst --exist
ip netns exec a ping -c 2 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec a ping -c 1 -W 1 -I 10.0.0.3 10.0.0.2 | grep -c 'bytes from'
ip netns exec b ipset list seen
ip netns exec b ipset list seenp
ip netns exec b ipset list gone
ip netns exec b ipset list nets
ip netns exec b ipset list -t ls
ip netns exec b iptables -S
