# Conntrack's view of TCP connections made by nc: TIME_WAIT after both FINs,
# CLOSE after a RST, SYN_SENT [UNREPLIED] for a dropped SYN and its retransmission.
ct() { sed -E 's/^(tcp +6) [0-9]+ /\1 T /; s/sport=[0-9]{5} /sport=EPH /g; s/dport=[0-9]{5} /dport=EPH /g'; }
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec a iptables -A OUTPUT -m conntrack --ctstate NEW -j ACCEPT
ip netns exec b iptables -A INPUT -p tcp --dport 81 -j DROP
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec b nc -l -p 8080 > /dev/null &
L=$!
sleep 0.2
echo data | ip netns exec a nc -N 10.0.0.2 8080
echo "client $?"
wait $L
echo "server $?"
ip netns exec a nc 10.0.0.2 80
echo "closed $?"
ip netns exec a nc -w 2 10.0.0.2 81
echo "dropped $?"
echo "== a"
ip netns exec a conntrack -L 2>&1 | ct | sort
echo "== b"
ip netns exec b conntrack -L 2>&1 | ct | sort
ip netns exec a iptables -L OUTPUT -v -n -x
ip netns exec b iptables -L INPUT -v -n -x
