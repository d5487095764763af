# -m quota: [!] --quota BYTES as iptables 1.8.9 parses, lists and saves it (the `!` is kept by the
# kernel but never printed), and as the kernel spends each rule's bytes on pings (84 bytes each).
iptables -A INPUT -m quota --quota 100 --quota 3; echo "rc=$?"
iptables -A INPUT -m quota; echo "rc=$?"
iptables -A INPUT -m quota --quota -1; echo "rc=$?"
iptables -A INPUT -m quota --quota abc; echo "rc=$?"
iptables -A INPUT -m quota --quota 18446744073709551616; echo "rc=$?"
iptables -A INPUT -m quota --quota 5x; echo "rc=$?"
iptables -A INPUT -m quota --quota; echo "rc=$?"
iptables -A INPUT -m quota --quota 18446744073709551615
iptables -A INPUT -m quota --quota 0x10
iptables -A INPUT -m quota --quota 010
iptables -A INPUT -m quota --quota ' +5'
iptables -A INPUT -m quota ! --quota 7 -j DROP
iptables -L INPUT
iptables -L INPUT -n -v
iptables -S INPUT
iptables-save | grep -v '^#'
iptables -m quota -h | tail -3
iptables -D INPUT -m quota --quota 16; echo "rc=$?"
iptables -C INPUT -m quota --quota 7 -j DROP; echo "rc=$?"
iptables -C INPUT -m quota --quota 8 -j DROP; echo "rc=$?"
iptables -F INPUT

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip netns exec b iptables -A INPUT -p icmp -m quota --quota 200
ip netns exec b iptables -A INPUT -p icmp -m quota ! --quota 200
ip netns exec b iptables -A INPUT -p icmp -m quota --quota 100 -j REJECT
ip netns exec b iptables -A INPUT -p icmp -m quota --quota 0
for i in 1 2 3 4; do ip netns exec a ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'; done
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec b iptables -A OUTPUT -p icmp -m quota --quota 84
ip netns exec a ping -c2 -i 0.2 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L OUTPUT -n -v -x
# What is left stays with the rule across other edits; a restore makes the rule anew, with all of it.
ip netns exec b iptables -F
ip netns exec b iptables -A INPUT -p icmp -m quota --quota 100 -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp -j REJECT
ip netns exec a ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -I INPUT -s 10.9.9.9
ip netns exec b iptables -D INPUT -s 10.9.9.9
ip netns exec b iptables -N X
ip netns exec a ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b iptables-save | ip netns exec b iptables-restore
ip netns exec a ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -v -n -x
