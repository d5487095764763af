# -m connlimit: --connlimit-upto/--connlimit-above (! swaps them), --connlimit-mask (a length or a
# dotted mask), --connlimit-saddr/--connlimit-daddr as iptables 1.8.9 parses, lists and saves them,
# and how the kernel counts connections (pings from separate processes: one conntrack entry each).
iptables -A INPUT -m connlimit --connlimit-above 2
iptables -A INPUT -m connlimit --connlimit-upto 2
iptables -A INPUT -m connlimit ! --connlimit-above 2 -j DROP
iptables -A INPUT -m connlimit ! --connlimit-upto 2
iptables -A INPUT -m connlimit --connlimit-above 0 --connlimit-mask 24 --connlimit-daddr
iptables -A INPUT -m connlimit --connlimit-above 010 --connlimit-mask 0x10 --connlimit-saddr
iptables -A INPUT -p tcp --syn --dport 22 -m connlimit --connlimit-above 4294967295 -j REJECT
for mask in 0 ' +7' 33 128 129 255.255.255.0 255.0.255.0 0.0.0.33 1.2.3 0.0.0.0; do
  iptables -A INPUT -m connlimit --connlimit-upto 1 --connlimit-mask "$mask"; echo "rc=$?"
done
for a in "--connlimit-above 4294967296" "--connlimit-above -1" "--connlimit-above abc" \
  "--connlimit-above 1 --connlimit-upto 2" "--connlimit-upto 1 ! --connlimit-above 2" \
  "--connlimit-mask 24" "" "--connlimit-above 1 --connlimit-above 2" \
  "--connlimit-above 1 ! --connlimit-mask 2" "--connlimit-above 1 ! --connlimit-saddr" \
  "--connlimit-above 1 --connlimit-saddr --connlimit-daddr" "--connlimit-above 2 --connlimit-daddr --connlimit-saddr" \
  "--connlimit-above 1 --connlimit-mask 24 --connlimit-mask 16" "--connlimit-above 1 --connlimit-mask" \
  "--connlimit-above 1 --connlimit-daddr --connlimit-daddr" "--connlimit-above 1 --connlimit-mask -1" \
  "--connlimit-above 1 --connlimit-mask 24x" "--connlimit-above"; do
  iptables -A INPUT -m connlimit $a; echo "rc=$?"
done
iptables -L INPUT
iptables -L INPUT -n -v
iptables -S INPUT
iptables-save | grep -v '^#'
iptables -m connlimit -h | tail -6
iptables -D INPUT -m connlimit --connlimit-upto 2 --connlimit-saddr; echo "rc=$?"
iptables -C INPUT -m connlimit --connlimit-upto 2 -j DROP; echo "rc=$?"
iptables -C INPUT -m connlimit --connlimit-upto 2 --connlimit-daddr -j DROP; echo "rc=$?"
iptables -F INPUT

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.0.0.1/24 dev va
ip -n a addr add 10.0.0.3/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip netns exec b iptables -A INPUT -p icmp -m connlimit --connlimit-upto 1
ip netns exec b iptables -A INPUT -p icmp -m connlimit --connlimit-above 2 --connlimit-mask 24 -j REJECT --reject-with icmp-host-prohibited
ip netns exec b iptables -A INPUT -p icmp -m connlimit --connlimit-above 0 --connlimit-daddr
ip netns exec b iptables -A OUTPUT -p icmp -m connlimit --connlimit-above 1 --connlimit-daddr
for i in 1 2; do ip netns exec a ping -c2 -i 0.2 -W 1 10.0.0.2 | grep -c 'bytes from'; done
ip netns exec a ping -c1 -W 1 -I 10.0.0.3 10.0.0.2 | grep -c 'bytes from'
ip netns exec a ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L -n -v -x
ip netns exec b conntrack -F 2>/dev/null
ip netns exec a ping -c1 -W 1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L -n -v -x
