# conntrack's own errors, exit codes and summary lines on an empty and a small table.
ct() { sed -E 's/^(icmp +1) [0-9]+ /\1 T /; s/id=[0-9]+/id=ID/g'; }
ip netns add a
ip link set lo up
ip -n a link set lo up
ip netns exec a iptables -A OUTPUT -m state --state NEW
ip netns exec a ping -c 1 127.0.0.1 > /dev/null
ip netns exec a conntrack -L | ct
conntrack -V
conntrack | head -3
conntrack -h | tail -3
for args in "-X" "-L -L" "-L foo" "-L -p foo" "-L -s foo" "-L -o foo" "-L -s" "-F -s 1.2.3.4" "-C -d 1.2.3.4" \
  "-L -p tcp --state FOO" "-L --sport 80" "-L -p icmp --dport 5" "-L -p udp --state NEW"; do
  ip netns exec a conntrack $args
  echo "conntrack $args: $?"
done
for args in "-L expect" "-L conntrack" "-L -p 200" "-L -f ipv6" "-L -p tcp --state ESTABLISHED --dport 80" "-L -u SEEN_REPLY" "-L -u ASSURED" "-L -m 0/0xff" "-L -z"; do
  ip netns exec a conntrack $args | ct
  echo "conntrack $args: $?"
done
ip netns exec a conntrack -C
ip netns exec a conntrack -D -s 10.9.9.9
echo "delete none: $?"
ip netns exec a conntrack -D -s 127.0.0.1 | ct
echo "delete: $?"
ip netns exec a conntrack -C
ip netns exec a ping -c 1 127.0.0.1 > /dev/null
ip netns exec a conntrack -F
echo "flush: $?"
ip netns exec a conntrack -L
ip netns exec a sysctl net.netfilter.nf_conntrack_count
ip netns exec a sysctl -w net.netfilter.nf_conntrack_count=5
ip netns exec a sysctl net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_icmp_timeout net.netfilter.nf_conntrack_udp_timeout_stream net.netfilter.nf_conntrack_tcp_timeout_established
