# CLOSING, made deterministic: once connected, each end drops every segment
# from the other except the second FIN it sees (statistic nth). a's nc is
# killed (its socket closes), b's 80 ms later: both FINs are dropped. a's tail loss
# probe (its FIN again, 204 ms later) reaches b in FIN-WAIT-1: b is CLOSING
# (its ACK is dropped). b's probe, which now acknowledges a's FIN, reaches a:
# a goes to TIME-WAIT (its ACK is dropped too), b stays CLOSING, retransmitting.
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
sleep 2 | ip netns exec b nc -l -p 8080 &
L=$!
for i in $(seq 100); do ip netns exec b ss -Htln | grep -q . && break; sleep 0.05; done
sleep 2 | ip netns exec a nc 10.0.0.2 8080 &
C=$!
sleep 0.1
for ns in a b; do
  ip netns exec $ns iptables -A INPUT -p tcp --tcp-flags FIN FIN -m statistic --mode nth --every 1000 --packet 1 -j ACCEPT
  ip netns exec $ns iptables -A INPUT -p tcp -j DROP
done
kill $C
sleep 0.08
kill $L
sleep 0.6
echo "== a TIME-WAIT, b CLOSING"
ss_ a
ss_ b
ns_ a
ns_ b
ct a
ct b
# One FIN let through each way (the DROP counters grow with every retransmission).
for ns in a b; do ip netns exec $ns iptables -L INPUT -v -n -x | head -3; done
