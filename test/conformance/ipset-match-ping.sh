# iptables -m set on real ping traffic: src/dst lookups, !, hash:net nomatch, counters in the set and the rules.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a addr add 10.0.0.11/24 dev va
ip -n a link set va up
ip -n b link set vb up
ip -n a link set lo up
ip -n b link set lo up
sleep 1
ip netns exec b ipset create allow hash:ip counters initval 1
ip netns exec b ipset add allow 10.0.0.1
ip netns exec b ipset create nets hash:net initval 1
ip netns exec b ipset add nets 10.0.0.0/24
ip netns exec b ipset add nets 10.0.0.11 nomatch
ip netns exec b ipset create icmp hash:ip,port initval 1 counters
ip netns exec b ipset add icmp 10.0.0.2,icmp:echo-request
ip netns exec b iptables -A INPUT -p icmp -m set --match-set allow src -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp -m set --match-set nets src -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp -m set --match-set icmp dst,dst
ip netns exec b iptables -A INPUT -p icmp -m set ! --match-set nets src --return-nomatch -j DROP
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec a ping -c 2 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec a ping -c 1 -W 1 -I 10.0.0.11 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b ipset list allow
ip netns exec b ipset list icmp
ip netns exec b ipset add allow 10.0.0.11
ip netns exec b iptables -I INPUT -p icmp -m set --match-set allow src --packets-gt 1 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec a ping -c 1 -W 1 -I 10.0.0.11 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b ipset list allow | tail -2
