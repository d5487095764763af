# ipset: a set match in INPUT and OUTPUT, and the SET target adding the sender.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
S="ip netns exec h2"
$S ipset create allow hash:ip
$S ipset add allow 10.0.0.1
$S ipset create seen hash:ip
$S iptables -A INPUT -m set --match-set seen src
$S iptables -A INPUT -j SET --add-set seen src
$S iptables -A INPUT -m set --match-set allow src -j ACCEPT
$S iptables -A INPUT -j DROP
$S iptables -A OUTPUT -m set --match-set allow dst
$S iptables -A OUTPUT -m set ! --match-set seen dst
# probe: ip netns exec h1 ping -c1 -W1 10.0.0.2
