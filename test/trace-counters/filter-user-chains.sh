# User chains: a jump, a nested jump that RETURNs, the end of a user chain,
# and the rule after the jump; all for the request and the reply.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
S="ip netns exec h2"
$S iptables -N IN
$S iptables -N ICMP
$S iptables -N NEVER
$S iptables -A INPUT -p icmp -j IN
$S iptables -A INPUT -p icmp
$S iptables -A IN -s 10.0.0.9 -j NEVER
$S iptables -A IN -j ICMP
$S iptables -A IN -p icmp
$S iptables -A ICMP -p icmp --icmp-type echo-request -j RETURN
$S iptables -A ICMP -j DROP
$S iptables -A OUTPUT -j ICMP
$S iptables -A NEVER -j DROP
# probe: ip netns exec h1 ping -c1 -W1 10.0.0.2
