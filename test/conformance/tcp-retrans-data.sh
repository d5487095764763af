# Data retransmission: b drops a's 3-byte write for 1.2 s. a sends a tail
# loss probe after one RTO (204 ms on a veth), then retransmits on the RTO with
# exponential backoff (408, 816 ms: ss -o counts them), and the copy sent after
# the rule is gone gets through. The DROP rule counts every copy it ate.
# Snapshots run in the background from one start, so slow commands do not shift them.
tmr() { sed -E 's/timer:\((on|keepalive|timewait),[^,]+,/timer:(\1,T,/; s/:[0-9]{5} /:P /g; s/ +$//'; }
snap() { sleep $1; echo "== $2"; ip netns exec a ss -tno | tmr; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p tcp --dport 8080 -m length --length 55 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 8080
ip netns exec a iptables -A OUTPUT -p tcp --dport 8080
ip netns exec b nc -l -p 8080 > /tmp/tcp-retrans-data.out &
L=$!
for i in $(seq 100); do ip netns exec b ss -Htln | grep -q . && break; sleep 0.05; done
(echo hi; sleep 2.2) | ip netns exec a nc -N 10.0.0.2 8080 &
C=$!
snap 0.1 "0.1 s: sent, a tail loss probe pending" > /tmp/tcp-retrans-data.1 &
snap 0.65 "0.65 s: the probe and one RTO retransmission out" > /tmp/tcp-retrans-data.2 &
snap 1.2 "1.2 s: two RTO retransmissions out" > /tmp/tcp-retrans-data.3 &
sleep 1.25
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b iptables -D INPUT 1
snap 0.65 "1.9 s: the third RTO retransmission got through" > /tmp/tcp-retrans-data.4
wait $C
echo "client $?"
wait $L
echo "server $?"
cat /tmp/tcp-retrans-data.1 /tmp/tcp-retrans-data.2 /tmp/tcp-retrans-data.3 /tmp/tcp-retrans-data.4 /tmp/tcp-retrans-data.out
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec a iptables -L OUTPUT -v -n -x
