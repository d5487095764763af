# The half-closed states. Port 8080: a shuts its side (nc -N) and b drops the
# FIN: a stays FIN-WAIT-1, retransmitting (ss -o: the "on" timer), b ESTAB.
# Port 8081: b answers and shuts its side at once (nc -l -N), a's nc keeps
# reading its stdin: b is FIN-WAIT-2 (no timer: its nc still holds it), a is CLOSE-WAIT.
# Timer values and retransmission counts are masked (tcp-retrans-*.sh check them);
# conntrack saw a's FIN twice (the tail loss probe): FIN_WAIT became LAST_ACK.
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
ip netns exec b iptables -A INPUT -p tcp --dport 8080 --tcp-flags FIN FIN -j DROP
ip netns exec b nc -l -p 8080 &
L1=$!
echo bye | ip netns exec b nc -l -N -p 8081 &
L2=$!
for i in $(seq 100); do [ $(ip netns exec b ss -Htln | wc -l) = 2 ] && break; sleep 0.05; done
sleep 0.05 | ip netns exec a nc -N 10.0.0.2 8080 &
C1=$!
sleep 1 | ip netns exec a nc 10.0.0.2 8081 &
C2=$!
for i in $(seq 100); do [ $(ip netns exec a ss -Htn state fin-wait-1 state close-wait | wc -l) = 2 ] && break; sleep 0.05; done
# After a's tail loss probe (204 ms), which conntrack counts as a second FIN.
sleep 0.25
echo "== a ss"; ss_ a
echo "== b ss"; ss_ b
echo "== a netstat"; ns_ a
echo "== b netstat"; ns_ b
echo "== a conntrack"; ct a
echo "== b conntrack"; ct b
kill $C1 $C2 $L1 $L2
