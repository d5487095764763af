# Giving up: with tcp_retries2=1 a connection whose data is never acknowledged
# is dropped once 600 ms of backoff ((2^2-1) x 200 ms, tcp_model_timeout) have
# passed since the first RTO retransmission: sent at 0, probed at 0.2, resent
# at 0.4 and 0.8 s, dropped at ~1.65 s with ETIMEDOUT and no RST (b stays
# ESTAB). A closed socket's FIN in FIN-WAIT-1 gets tcp_orphan_retries instead
# (1 here; 0 means 8): the same budget.
tmr() { sed -E 's/timer:\((on|keepalive|timewait),[^,]+,/timer:(\1,T,/; s/:[0-9]{5} /:P /g; s/ +$//'; }
# ss lists in hash order, which depends on the random ephemeral ports: sorted.
snap() { sleep $1; echo "== $2"; ip netns exec a ss -tano | tmr | sort; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec a sysctl -qw net.ipv4.tcp_retries2=1
ip netns exec a sysctl -qw net.ipv4.tcp_orphan_retries=1
ip netns exec b iptables -A INPUT -p tcp --dport 8080 -m length --length 55 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 8081 --tcp-flags FIN FIN -j DROP
ip netns exec b nc -l -p 8080 > /dev/null &
L1=$!
ip netns exec b nc -l -p 8081 > /dev/null &
L2=$!
for i in $(seq 100); do [ $(ip netns exec b ss -Htln | wc -l) = 2 ] && break; sleep 0.05; done
(echo hi; sleep 2.1) | ip netns exec a nc 10.0.0.2 8080 &
C1=$!
sleep 0.3 | timeout 0.05 ip netns exec a nc 10.0.0.2 8081 &
C2=$!
snap 0.15 "0.15 s: data and FIN sent" > /tmp/tcp-retrans-timeout.1 &
snap 0.68 "0.68 s: one RTO retransmission each" > /tmp/tcp-retrans-timeout.2 &
snap 1.3 "1.3 s: two each" > /tmp/tcp-retrans-timeout.3 &
wait $C2
echo "orphan's nc $?"
snap 1.95 "2 s: both given up, no RST" > /tmp/tcp-retrans-timeout.4
wait $C1
echo "client $?"
cat /tmp/tcp-retrans-timeout.1 /tmp/tcp-retrans-timeout.2 /tmp/tcp-retrans-timeout.3 /tmp/tcp-retrans-timeout.4
echo "== b"
ip netns exec b ss -tn | tmr | sort
ip netns exec b iptables -L INPUT -v -n -x
kill $L1 $L2
