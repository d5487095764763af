# A TCP handshake through a DNAT rule: the client connects to port 80, a
# listener on 8080 answers; conntrack shows the rewritten reply tuple.
ct() { sed -E 's/^(tcp +6) [0-9]+ /\1 T /; s/sport=[0-9]{5} /sport=EPH /g; s/dport=[0-9]{5} /dport=EPH /g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.2:8080
ip netns exec b nc -l -p 8080 > /tmp/tcp-nc-dnat.out &
L=$!
sleep 0.2
echo "through dnat" | ip netns exec a nc -v -N 10.0.0.2 80
echo "client $?"
wait $L
echo "server $?"
cat /tmp/tcp-nc-dnat.out
ip netns exec a nc -z -v 10.0.0.2 8081
echo "closed $?"
ip netns exec b iptables -t nat -L PREROUTING -v -n -x
ip netns exec b conntrack -L 2>&1 | ct | sort
