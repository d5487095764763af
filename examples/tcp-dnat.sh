# A TCP connection through a DNAT rule, watched from both ends: the client dials the
# router's public address 203.0.113.1:80, the router rewrites it to the server 10.0.2.2:8080.
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
ct() { ip netns exec router conntrack -L -p tcp 2>/dev/null | sed -E 's/^(tcp +6) [0-9]+ /\1 T /; s/port=[0-9]{5}/port=P/g'; }
echo "== server listening"
ip netns exec server nc -l -p 8080 &
until ip netns exec server ss -ltn | grep -q :8080; do sleep 0.1; done
ip netns exec server ss -ltn
echo "== connection open"
sleep 2 | ip netns exec client nc -N 203.0.113.1 80 &
until ip netns exec server ss -tn state established | grep -q :8080; do sleep 0.1; done
ip netns exec client ss -tn | sed -E 's/:[0-9]{5} /:P /'
ip netns exec server ss -tn | sed -E 's/:[0-9]{5} /:P /'
ct
wait
echo "== after close"
ip netns exec client ss -tan | sed -E 's/:[0-9]{5} /:P /'
ct
ip netns exec router iptables -t nat -L PREROUTING -v -n -x
