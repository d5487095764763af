# conntrack -S: per-CPU counters. Which CPU counts a packet varies on a real machine, so the
# script compares the sums over CPUs: `invalid` for echo replies without an entry (their
# requests were NOTRACKed), `error` for ICMP errors quoting no known flow.
sum() {
  awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); s[kv[1]] += kv[2]; n[kv[1]] = 1 } }
    END { for (k in n) print k "=" s[k] }' | sort
}
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec a conntrack -S | sum
ip netns exec a iptables -t raw -A OUTPUT -p icmp --icmp-type echo-request -j CT --notrack
ip netns exec a iptables -A INPUT -m state --state INVALID -j ACCEPT
ip netns exec b iptables -t raw -A PREROUTING -p icmp --icmp-type echo-request -j CT --notrack
ip netns exec b iptables -A OUTPUT -m conntrack --ctstate INVALID -j ACCEPT
ip netns exec a ping -c 3 -i 0.2 10.0.0.2 > /dev/null
echo "ping $?"
ip netns exec b iptables -I INPUT -p icmp -j REJECT
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2 > /dev/null
echo "ping $?"
echo "== a"
ip netns exec a conntrack -S | sum
ip netns exec a iptables -L INPUT -v -n -x
echo "== b"
ip netns exec b conntrack -S | sum
ip netns exec b iptables -L OUTPUT -v -n -x
ip netns exec b conntrack -S expect | sum
ip netns exec b conntrack -L
