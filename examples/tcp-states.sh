# Every state of one TCP connection through a DNAT rule, seen from both ends
# (ss) and from the router in between (conntrack -L). The client dials the
# router's public 203.0.113.1:80, the router rewrites it to the server
# 10.0.2.2:8080. iptables DROP rules hold each state long enough to look at it.
ip netns add client
ip netns add router
ip netns add server
ip link add eth0 netns client type veth peer name c0 netns router
ip link add eth0 netns server type veth peer name s0 netns router
ip -n client addr add 203.0.113.2/24 dev eth0
ip -n router addr add 203.0.113.1/24 dev c0
ip -n router addr add 10.0.2.1/24 dev s0
ip -n server addr add 10.0.2.2/24 dev eth0
for ns in client router server; do ip -n $ns link set lo up; done
ip -n client link set eth0 up
ip -n server link set eth0 up
ip -n router link set c0 up
ip -n router link set s0 up
ip -n server route add default via 10.0.2.1
ip netns exec router sysctl -qw net.ipv4.ip_forward=1
ip netns exec router iptables -t nat -A PREROUTING -d 203.0.113.1 -p tcp --dport 80 \
  -j DNAT --to-destination 10.0.2.2:8080
# Ports above 9999 are ephemeral and timer values vary: both are masked.
show() {
  for ns in client server; do
    ip netns exec $ns ss -tano | sed -E 's/:[0-9]{5} /:P /; s/(timer:\([a-z]+),[^,]+,[0-9]+/\1,T,N/; s/ +$//' |
      grep -v LISTEN | sed "s/^/$ns: /"
  done
  ip netns exec router conntrack -L -p tcp 2>/dev/null | sed -E 's/^(tcp +6) [0-9]+ /\1 T /; s/port=[0-9]{5}/port=P/g'
}
ip netns exec server nc -l -p 8080 &
S=$!
until ip netns exec server ss -ltn | grep -q :8080; do sleep 0.1; done

echo "== 1. the client's SYN went through the DNAT; its SYN-ACK is dropped at the client"
ip netns exec client iptables -A INPUT -p tcp --tcp-flags SYN,ACK SYN,ACK -j DROP
sleep 3 | ip netns exec client nc 203.0.113.1 80 &
C=$!
sleep 0.3
show
echo "== 2. rule gone: the retransmissions (after 1 s) complete the handshake"
ip netns exec client iptables -F INPUT
sleep 0.8
show
echo "== 3. the server closes: it waits for the client's FIN, the client has not closed yet"
kill $S
sleep 0.1
show
echo "== 4. the client closes, and drops what the server sends: the server's last ACK"
ip netns exec client iptables -A INPUT -p tcp -j DROP
kill $C
sleep 0.05
show
