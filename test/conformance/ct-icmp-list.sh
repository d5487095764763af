# conntrack -L after pings: ICMP flows in the namespace that has a conntrack user, none elsewhere.
# The ping id (a pid on the real side) and the seconds left vary: sed masks them.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b conntrack -L
echo "status $?"
ip netns exec b sysctl net.netfilter.nf_conntrack_count
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec a ping -c 2 -i 0.2 10.0.0.2 > /dev/null
echo "ping $?"
ip netns exec b conntrack -L | ct
ip netns exec b conntrack -L -o extended | ct
ip netns exec a conntrack -L
ip netns exec b iptables -L INPUT -v -n
ip netns exec b sysctl net.netfilter.nf_conntrack_count
ip netns exec b ping -c 1 10.0.0.2 > /dev/null
ip netns exec b ping -c 1 127.0.0.1 > /dev/null
ip netns exec b conntrack -L 2>&1 | ct | sort
ip netns exec b conntrack -C
ip netns exec b conntrack -L -p icmp -s 10.0.0.1 | ct
ip netns exec b conntrack -L -d 127.0.0.1 | ct
ip netns exec b conntrack -L -r 10.0.0.2 2>&1 | ct | sort
ip netns exec b conntrack -L -p udp
ip netns exec b conntrack -L -p icmp --icmp-type 0
ip netns exec b conntrack -L -s 10.0.0.0/24 2>&1 | ct | sort
