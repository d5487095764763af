# nf_tables rule handles as a trace shows them, after appends, inserts,
# deletes, replaces, policies, flushes, chain deletes and renames, and
# iptables-restore (a new table: handles start again at 1).
probe() {
  ip netns exec $1 ip link set lo up
  ip netns exec $1 timeout 0.8 xtables-monitor --trace | grep -v '^PACKET' | sed -E 's/^ TRACE: 2 [0-9a-f]{8} //' &
  sleep 0.4
  ip netns exec $1 ping -c 1 -W 1 127.0.0.1 > /dev/null
  wait
}
T="iptables -t raw -A OUTPUT -p icmp -j TRACE"
echo "== appends, insert, delete, replace"
ip netns add a
ip netns exec a sh -c "$T; iptables -A OUTPUT -p icmp; iptables -A OUTPUT -p icmp -m comment --comment x; iptables -I OUTPUT -p icmp -m comment --comment ins; iptables -A OUTPUT -p icmp; iptables -D OUTPUT 2; iptables -R OUTPUT 2 -p icmp -m comment --comment rep"
probe a
echo "== policy, user chain, rename"
ip netns add c
ip netns exec c sh -c "$T; iptables -P INPUT ACCEPT; iptables -N U; iptables -E U V; iptables -A OUTPUT -p icmp -j V; iptables -A V -p icmp; iptables -P OUTPUT ACCEPT; iptables -A OUTPUT -p icmp"
probe c
echo "== flush, delete chain, listing, zero"
ip netns add d
ip netns exec d sh -c "$T; iptables -L > /dev/null; iptables -S > /dev/null; iptables -Z; iptables -N U; iptables -N V; iptables -A OUTPUT -p icmp; iptables -F; iptables -X V; iptables -F FORWARD; iptables -N W; iptables -A OUTPUT -p icmp -j W; iptables -A W -p icmp"
probe d
echo "== restore"
ip netns add r
ip netns exec r sh -c "$T; iptables -A OUTPUT -p icmp; iptables -A FORWARD -j ACCEPT"
printf '*filter\n:INPUT ACCEPT [0:0]\n:U - [0:0]\n-A OUTPUT -p icmp -j U\n-A U -p icmp\n-A U -p icmp -j REJECT\nCOMMIT\n' | ip netns exec r iptables-restore
probe r
echo "== -X deletes idle built-in chains; chains with no matching rule"
ip netns add x
ip netns exec x sh -c "$T; iptables -P INPUT DROP; iptables -F INPUT; iptables -A FORWARD -j ACCEPT; iptables -F FORWARD; iptables -X; iptables -P INPUT ACCEPT; iptables -A FORWARD -j ACCEPT; iptables -N E; iptables -N F; iptables -A E -p tcp; iptables -A OUTPUT -p icmp -j E; iptables -A OUTPUT -p icmp -j F; iptables -A OUTPUT -p icmp"
probe x
