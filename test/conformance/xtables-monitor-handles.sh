# nf_tables rule handles as a trace shows them, after appends, inserts,
# deletes, replaces, policies, flushes, chain deletes and renames, and
# iptables-restore (a new table: handles start again at 1).
probe() {
  ip netns exec $1 ip link set lo up
  ip netns exec $1 xtables-monitor --trace > trace.$1 &
  sleep 0.5
  ip netns exec $1 ping -c 1 -W 1 127.0.0.1 > /dev/null
  sleep 0.1
  kill %1
  wait
  grep -v '^PACKET' trace.$1 | sed -E 's/^ TRACE: 2 [0-9a-f]{8} //'
  rm -f trace.$1
}
T="iptables -t raw -A OUTPUT -p icmp -j TRACE"
echo "== appends"
ip netns add a
ip netns exec a sh -c "$T; iptables -A OUTPUT -p icmp; iptables -A OUTPUT -p icmp; iptables -A OUTPUT -p icmp"
probe a
echo "== insert, delete, replace"
ip netns add b
ip netns exec b sh -c "$T; iptables -A OUTPUT -p icmp; iptables -A OUTPUT -p icmp -m comment --comment x; iptables -I OUTPUT -p icmp -m comment --comment ins; iptables -D OUTPUT 2; iptables -R OUTPUT 2 -p icmp -m comment --comment rep"
probe b
echo "== policy, user chain"
ip netns add c
ip netns exec c sh -c "$T; iptables -P INPUT ACCEPT; iptables -N U; iptables -A OUTPUT -p icmp -j U; iptables -A U -p icmp; iptables -P OUTPUT ACCEPT; iptables -A OUTPUT -p icmp"
probe c
echo "== flush, delete chain, new chain"
ip netns add d
ip netns exec d sh -c "$T; iptables -N U; iptables -N V; iptables -A OUTPUT -p icmp; iptables -F; iptables -X V; iptables -N W; iptables -A OUTPUT -p icmp -j W; iptables -A W -p icmp"
probe d
echo "== listing, zero, flush of one chain"
ip netns add e
ip netns exec e sh -c "$T; iptables -L > /dev/null; iptables -S > /dev/null; iptables -Z; iptables -F FORWARD; iptables -A OUTPUT -p icmp"
probe e
echo "== rename"
ip netns add h
ip netns exec h sh -c "$T; iptables -N U; iptables -E U V; iptables -A OUTPUT -p icmp -j V; iptables -A V -p icmp"
probe h
echo "== restore"
ip netns add r
ip netns exec r sh -c "$T; iptables -A OUTPUT -p icmp; iptables -A FORWARD -j ACCEPT"
printf '*filter\n:INPUT ACCEPT [0:0]\n:U - [0:0]\n-A OUTPUT -p icmp -j U\n-A U -p icmp\n-A U -p icmp -j REJECT\nCOMMIT\n' | ip netns exec r iptables-restore
probe r
echo "== -X deletes idle built-in chains"
ip netns add x
ip netns exec x sh -c "$T; iptables -P INPUT DROP; iptables -F INPUT; iptables -A FORWARD -j ACCEPT; iptables -F FORWARD; iptables -X; iptables -P INPUT ACCEPT; iptables -A FORWARD -j ACCEPT; iptables -A OUTPUT -p icmp"
probe x
echo "== chains with no matching rule"
ip netns add y
ip netns exec y sh -c "$T; iptables -N E; iptables -N F; iptables -A E -p tcp; iptables -A OUTPUT -p icmp -j E; iptables -A OUTPUT -p icmp -j F; iptables -P OUTPUT DROP"
probe y
