# DNAT of a TCP port through a router to a listener behind it: the whole
# connection crosses FORWARD both ways; nat sees only its first packet.
ip netns add h1
ip netns add r
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns r
ip link add eth1 netns r type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth0
ip -n r addr add 10.0.2.1/24 dev eth1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for ns in h1 r h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip -n r link set eth1 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
# A listener kept busy by a first connection that stays open: the probe's
# connection then waits in the accept queue and only the kernel answers it
# (when a listener closes after the client's FIN races the delayed ACK on real Linux).
sleep 5 | ip netns exec h2 nc -l -p 80 >/dev/null &
sleep 0.2
sleep 5 | ip netns exec h1 nc 10.0.2.2 80 >/dev/null &
S="ip netns exec r"
$S iptables -t nat -A PREROUTING -d 10.0.1.1 -p tcp --dport 8080 -j DNAT --to-destination 10.0.2.2:80
$S iptables -t nat -A POSTROUTING -o eth1
$S iptables -A FORWARD -i eth0 -p tcp --dport 80 --syn
$S iptables -A FORWARD -i eth0 -p tcp --dport 80
$S iptables -A FORWARD -i eth1 -p tcp --sport 80 -m conntrack --ctstate ESTABLISHED --ctorigdstport 8080
$S iptables -A INPUT -p tcp
sleep 0.2
# probe: ip netns exec h1 nc -z -w1 10.0.1.1 8080
