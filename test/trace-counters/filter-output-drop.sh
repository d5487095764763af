# A DROP rule in the sender's OUTPUT: ping fails with EPERM, one packet counted.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec h1 iptables -A OUTPUT -o lo -j ACCEPT
ip netns exec h1 iptables -A OUTPUT -d 10.0.0.2 -p icmp -j DROP
ip netns exec h1 iptables -A OUTPUT -j ACCEPT
ip netns exec h2 iptables -A INPUT
# probe: ip netns exec h1 ping -c1 -W1 10.0.0.2
