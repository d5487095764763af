# REDIRECT to a local port: the connection to 8080 reaches a listener on 80;
# nat PREROUTING counts the SYN only, filter INPUT every segment.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# A listener kept busy by a first connection that stays open: the probe's
# connection then waits in the accept queue and only the kernel answers it
# (when a listener closes after the client's FIN races the delayed ACK on real Linux).
sleep 5 | ip netns exec h2 nc -l -p 80 >/dev/null &
sleep 0.2
sleep 5 | ip netns exec h1 nc 10.0.0.2 80 >/dev/null &
S="ip netns exec h2"
$S iptables -t nat -A PREROUTING -p tcp --dport 8080 -j REDIRECT --to-ports 80
$S iptables -t nat -A INPUT -p tcp --dport 80
$S iptables -A INPUT -p tcp --dport 80
$S iptables -A INPUT -p tcp --dport 8080
$S iptables -A OUTPUT -p tcp --sport 80
ip netns exec h1 iptables -A INPUT -p tcp --sport 8080
sleep 0.2
# probe: ip netns exec h1 nc -z -w1 10.0.0.2 8080
