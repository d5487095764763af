# SYNs into a DROP rule: the first SYN counts as sent (OutSegs), the one
# retransmitted after the 1 s RTO as RetransSegs, with TcpExt TCPSynRetrans,
# TCPTimeouts (the first RTO of a series) and TcpTimeoutRehash (every RTO
# that does not give up). The connect is abandoned (killed) at 1.5 s: a
# SYN-SENT socket closed by its process is no failed attempt.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# Traffic only once both ends are up (linkwatch activates a device's qdisc with its operstate).
for i in $(seq 100); do ip -n a link show eth0 | grep -q 'state UP' && ip -n b link show eth0 | grep -q 'state UP' && break; sleep 0.05; done
ip netns exec b iptables -A INPUT -p tcp --dport 9001 -j DROP
timeout 1.5 ip netns exec a nc 10.0.0.2 9001
echo "nc $?"
echo "== a"
ip netns exec a netstat -s -t
echo "== b"
ip netns exec b netstat -s -w
