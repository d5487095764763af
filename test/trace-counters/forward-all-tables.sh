# A rule matching everything in each chain of raw, mangle, nat and filter on a
# router: which hooks a forwarded request and its reply cross, and which tables
# see them. A NAT target that never matches turns conntrack on: only then is the
# nat table walked (for the first packet of the flow).
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
S="ip netns exec r"
for c in PREROUTING OUTPUT; do $S iptables -t raw -A $c; done
for c in PREROUTING INPUT FORWARD OUTPUT POSTROUTING; do $S iptables -t mangle -A $c; done
for c in PREROUTING INPUT OUTPUT POSTROUTING; do $S iptables -t nat -A $c; done
for c in INPUT FORWARD OUTPUT; do $S iptables -A $c; done
$S iptables -t nat -A POSTROUTING -o eth9 -j MASQUERADE
# probe: ip netns exec h1 ping -c1 -W1 10.0.2.2
