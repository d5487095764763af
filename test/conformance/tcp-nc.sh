# TCP between two namespaces with nc: handshake, data, FIN in both orders,
# RST from a closed port, and the packets iptables counts for each.
ct() { sed -E 's/^(tcp +6) [0-9]+ /\1 T /; s/sport=[0-9]{5} /sport=EPH /g; s/dport=[0-9]{5} /dport=EPH /g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p tcp --dport 8080 --syn
ip netns exec b iptables -A INPUT -p tcp --dport 8080 --tcp-flags FIN FIN
ip netns exec b iptables -A INPUT -p tcp --dport 8080
ip netns exec b iptables -A OUTPUT -p tcp --sport 8080
ip netns exec b iptables -A OUTPUT -p tcp --sport 80
echo "== client closes first (-N)"
ip netns exec b nc -l -p 8080 > /tmp/tcp-nc.out &
L=$!
sleep 0.2
echo data | ip netns exec a nc -N 10.0.0.2 8080
echo "client $?"
wait $L
echo "server $?"
cat /tmp/tcp-nc.out
echo "== server closes first (-N), client with stdin at EOF"
echo reply | ip netns exec b nc -l -N -p 8080 &
L=$!
sleep 0.2
ip netns exec a nc 10.0.0.2 8080 < /dev/null
echo "client $?"
wait $L
echo "server $?"
echo "== -q 0"
ip netns exec b nc -l -p 8080 > /tmp/tcp-nc.out &
L=$!
sleep 0.2
echo more | ip netns exec a nc -q 0 10.0.0.2 8080
echo "client $?"
wait $L
echo "server $?"
cat /tmp/tcp-nc.out
echo "== closed port"
ip netns exec a nc 10.0.0.2 80
echo "closed $?"
ip netns exec a nc -v 10.0.0.2 80
echo "closed -v $?"
ip netns exec a nc -z -v -n 10.0.0.2 80 81
echo "closed -zvn $?"
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b iptables -L OUTPUT -v -n -x
ip netns exec b conntrack -L -p tcp 2>&1 | ct | sort
