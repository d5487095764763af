# TCP and UDP over lo inside one namespace: each segment crosses OUTPUT and
# INPUT once; conntrack lists both flows.
ct() { sed -E 's/^(tcp +6|udp +17) [0-9]+ /\1 T /; s/sport=[0-9]{5} /sport=EPH /g; s/dport=[0-9]{5} /dport=EPH /g'; }
ip netns add a
ip -n a link set lo up
ip netns exec a iptables -A INPUT -i lo -p tcp
ip netns exec a iptables -A INPUT -i lo -p udp
ip netns exec a iptables -A INPUT -i lo -p icmp
ip netns exec a iptables -A OUTPUT -o lo -m conntrack --ctstate NEW
ip netns exec a nc -l -p 7000 > /tmp/tcp-nc-loopback.out &
L=$!
sleep 0.2
echo local | ip netns exec a nc -N 127.0.0.1 7000
echo "client $?"
wait $L
echo "server $?"
cat /tmp/tcp-nc-loopback.out
echo dgram | ip netns exec a nc -u -q0 127.0.0.1 7001
echo "udp $?"
ip netns exec a nc -z -v -n 127.0.0.1 7002
echo "closed $?"
ip netns exec a iptables -L -v -n -x
ip netns exec a conntrack -L 2>&1 | ct | sort
