# A goto: the end of the chain it went to returns to the rule after the
# jump into the chain that did the goto; that chain's later rules are skipped.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
S="ip netns exec h2"
$S iptables -N A
$S iptables -N B
$S iptables -A INPUT -j A
$S iptables -A INPUT -p icmp
$S iptables -A A -p icmp -g B
$S iptables -A A -p icmp
$S iptables -A B -p tcp -j DROP
$S iptables -A B -p icmp
$S iptables -A OUTPUT -j A
# probe: ip netns exec h1 ping -c1 -W1 10.0.0.2
