# The node under analysis is r, a router between h1 (10.0.1.2) and h2
# (10.0.2.2). h2 drops everything it receives, so nothing answers a
# forwarded probe: r's counters then count the probe alone.
ip netns add h1
ip netns add r
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns r
ip link add eth1 netns r type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth0
ip -n r addr add 10.0.2.1/24 dev eth1
ip -n r link set eth1 mtu 1450
ip -n h2 addr add 10.0.2.2/24 dev eth0
for ns in h1 r h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip -n r link set eth1 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec h2 iptables -P INPUT DROP
