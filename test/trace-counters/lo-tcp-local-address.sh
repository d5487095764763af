# TCP to the host's own eth0 address goes over lo: every segment is counted
# twice, once leaving and once arriving.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
# A listener kept busy by a first connection that stays open: the probe's
# connection then waits in the accept queue and only the kernel answers it
# (when a listener closes after the client's FIN races the delayed ACK on real Linux).
sleep 5 | ip netns exec h1 nc -l -p 7000 >/dev/null &
sleep 0.2
sleep 5 | ip netns exec h1 nc 10.0.0.1 7000 >/dev/null &
S="ip netns exec h1"
$S iptables -A OUTPUT -o lo -p tcp --dport 7000
$S iptables -A OUTPUT -o lo -p tcp --sport 7000
$S iptables -A INPUT -i lo -d 10.0.0.1 -p tcp
$S iptables -A INPUT -i eth0
sleep 0.2
# probe: ip netns exec h1 nc -z -w1 10.0.0.1 7000
