# multiport and iprange on a TCP connection to a closed port.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
S="ip netns exec h2"
$S iptables -A INPUT -p tcp -m multiport --dports 79,81:82
$S iptables -A INPUT -p tcp -m multiport --ports 80,8080
$S iptables -A INPUT -m iprange --src-range 10.0.0.1-10.0.0.5 -p tcp
$S iptables -A INPUT -m iprange ! --src-range 10.0.0.1-10.0.0.5
$S iptables -A OUTPUT -p tcp -m multiport --sports 81,82 -m iprange --dst-range 10.0.0.0-10.0.0.1
# probe: ip netns exec h1 nc -z -w1 10.0.0.2 81
