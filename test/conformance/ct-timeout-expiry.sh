# Entries expire on the conntrack timeouts: ICMP after nf_conntrack_icmp_timeout, an unreplied
# UDP flow after nf_conntrack_udp_timeout (both set short here), listed before and after.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW -j ACCEPT
ip netns exec b sysctl -qw net.netfilter.nf_conntrack_icmp_timeout=2
ip netns exec b sysctl -qw net.netfilter.nf_conntrack_udp_timeout=3
ip netns exec b sysctl net.netfilter.nf_conntrack_icmp_timeout net.netfilter.nf_conntrack_udp_timeout
list() { ip netns exec b conntrack -L 2>&1 | sed -E 's/^(\w+ +[0-9]+) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g; s/sport=[0-9]+/sport=P/g' | sort; }
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
echo x | ip netns exec a nc -u -w 1 -p 5000 10.0.0.2 9999
echo "== after traffic"
list
sleep 2.5
echo "== icmp expired"
list
sleep 2
echo "== udp expired"
list
ip netns exec b sysctl net.netfilter.nf_conntrack_count
