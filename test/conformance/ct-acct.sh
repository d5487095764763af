# nf_conntrack_acct: off by default in a new namespace; entries made while it is on count
# packets and bytes (IP total length) per direction; entries made before keep none; -z reads
# and zeroes the counters.
ct() { sed -E 's/^((ipv4 +2 )?icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g; s/<id>[0-9]+</<id>ID</g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b sysctl net.netfilter.nf_conntrack_acct
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec b ping -c 1 127.0.0.1 > /dev/null
ip netns exec b sysctl -w net.netfilter.nf_conntrack_acct=1
ip netns exec a ping -c 3 -i 0.2 -s 100 10.0.0.2 > /dev/null
ip netns exec a ping -c 1 -s 1000 10.0.0.2 > /dev/null
ip netns exec b conntrack -L 2>&1 | ct | sort
ip netns exec b conntrack -L -p icmp -s 10.0.0.1 -o extended 2>&1 | ct | sort
ip netns exec b conntrack -L -o xml -d 127.0.0.1 | ct
ip netns exec b conntrack -L -z 2>&1 | ct | sort
ip netns exec b conntrack -L -s 10.0.0.1 -z
echo "status $?"
ip netns exec b conntrack -L 2>&1 | ct | sort
ip netns exec b sysctl -w net.netfilter.nf_conntrack_acct=0
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
ip netns exec b conntrack -L -s 10.0.0.1 2>&1 | ct | sort
ip netns exec a sysctl net.netfilter.nf_conntrack_acct
