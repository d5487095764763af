# One UDP datagram to a listening nc -u -l: delivered, nothing comes back.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec h2 nc -u -l -p 9000 >/dev/null &
ip netns exec h2 iptables -A INPUT -p udp --dport 9000 -m conntrack --ctstate NEW
ip netns exec h2 iptables -A INPUT -p udp -m length --length 31
ip netns exec h1 iptables -A OUTPUT -p udp --sport 4444 --dport 9000
sleep 0.2
# probe: echo hello | ip netns exec h1 nc -u -q0 -p 4444 10.0.0.2 9000
