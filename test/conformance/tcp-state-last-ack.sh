# LAST-ACK and TIME-WAIT: b sends "bye" and shuts its side; a reads it and
# is killed (its socket closes). Before that a drops everything from b, so
# b's ACK of a's FIN never arrives: a stays LAST-ACK retransmitting its FIN,
# b (FIN-WAIT-2 until then) is in TIME-WAIT. CLOSE-WAIT and FIN-WAIT-2 first.
ss_() { ip netns exec $1 ss -tano | sed -E 's/timer:\((on|keepalive|timewait),[^,]+,[0-9]+/timer:(\1,T,N/; s/:[0-9]{5} /:P /g; s/ +$//' | sort; }
ns_() { ip netns exec $1 netstat -tano | sed -E 's/:[0-9]{5} /:P    /; s/\([0-9.]+\/[0-9]+\//(T\/N\//' | sort; }
ct() { ip netns exec $1 conntrack -L -p tcp 2>&1 | sed -E 's/^(tcp +6) [0-9]+ /\1 T /; s/port=[0-9]{5}/port=P/g' | sort; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
for ns in a b; do ip netns exec $ns iptables -A OUTPUT -m conntrack --ctstate NEW; done
echo bye | ip netns exec b nc -l -N -p 8080 &
L=$!
for i in $(seq 100); do ip netns exec b ss -Htln | grep -q . && break; sleep 0.05; done
sleep 5 | ip netns exec a nc 10.0.0.2 8080 &
C=$!
for i in $(seq 100); do ip netns exec a ss -Htn state close-wait | grep -q . && break; sleep 0.05; done
# a's ACK of the FIN reaches b a moment after a is in CLOSE-WAIT (on a loaded machine, visibly later).
for i in $(seq 100); do ip netns exec b ss -Htn state fin-wait-2 | grep -q . && break; sleep 0.05; done
echo "== a CLOSE-WAIT, b FIN-WAIT-2"
ss_ a
ss_ b
ip netns exec a iptables -A INPUT -p tcp --sport 8080 -j DROP
kill $C
for i in $(seq 100); do ip netns exec b ss -Htn state time-wait | grep -q . && break; sleep 0.05; done
echo "== a LAST-ACK, b TIME-WAIT"
ss_ a
ss_ b
ns_ a
ns_ b
ct a
ct b
wait $L
echo "server $?"
