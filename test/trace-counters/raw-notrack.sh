# NOTRACK in raw: the ping is UNTRACKED on the receiver, in both directions;
# the nat table never sees it.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
S="ip netns exec h2"
$S iptables -t raw -A PREROUTING -p icmp -j NOTRACK
$S iptables -t raw -A OUTPUT -p icmp -j NOTRACK
$S iptables -A INPUT -m conntrack --ctstate UNTRACKED
$S iptables -A INPUT -m conntrack --ctstate NEW
$S iptables -A OUTPUT -m state --state UNTRACKED
$S iptables -t nat -A PREROUTING
$S iptables -t nat -A INPUT
ip netns exec h1 iptables -A INPUT -m conntrack --ctstate ESTABLISHED
# probe: ip netns exec h1 ping -c1 -W1 10.0.0.2
