# The handshake states, held by dropping one segment: a drops b's SYN-ACK on
# port 8080 (a stays SYN-SENT, b SYN-RECV), b drops a's final ACK on 8081 (a is
# ESTAB, b SYN-RECV), with the timers and conntrack's view from each end.
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
ip netns exec a iptables -A INPUT -p tcp --sport 8080 --tcp-flags SYN,ACK SYN,ACK -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 8081 --tcp-flags SYN,ACK,FIN,RST ACK -j DROP
ip netns exec b nc -l -p 8080 &
L1=$!
ip netns exec b nc -l -p 8081 &
L2=$!
for i in $(seq 100); do [ $(ip netns exec b ss -Htln | wc -l) = 2 ] && break; sleep 0.05; done
sleep 1 | ip netns exec a nc -w 1 10.0.0.2 8080 &
C1=$!
sleep 1 | ip netns exec a nc 10.0.0.2 8081 &
C2=$!
# Both request sockets there, then the counters before the 1 s retransmissions.
for i in $(seq 100); do [ $(ip netns exec b ss -Htn state syn-recv | wc -l) = 2 ] && break; sleep 0.05; done
ip netns exec a iptables -L INPUT -v -n -x
ip netns exec b iptables -L INPUT -v -n -x
echo "== a ss"; ss_ a
echo "== b ss"; ss_ b
echo "== a netstat"; ns_ a
echo "== b netstat"; ns_ b
echo "== a conntrack"; ct a
echo "== b conntrack"; ct b
kill $C1 $C2 $L1 $L2
