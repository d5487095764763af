# REJECT in the sender's own OUTPUT: the ICMP error goes to the sender itself
# over lo, through its OUTPUT, PREROUTING and INPUT.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
S="ip netns exec h1"
$S iptables -A OUTPUT -p icmp --icmp-type echo-request -j REJECT
$S iptables -A OUTPUT -p icmp
$S iptables -A INPUT -i lo -p icmp --icmp-type port-unreachable
$S iptables -t mangle -A PREROUTING -i lo
$S iptables -t raw -A OUTPUT -o lo
# probe: ip netns exec h1 ping -c1 -W1 10.0.0.2
