# A UDP request and its answer: the listener connects to the first sender
# and sends what its stdin holds; the reply is ESTABLISHED on both hosts.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
echo pong | ip netns exec h2 nc -u -l -p 9000 >/dev/null &
ip netns exec h1 iptables -A INPUT -p udp -m conntrack --ctstate ESTABLISHED
ip netns exec h1 iptables -A OUTPUT -p udp -m conntrack --ctstate NEW
ip netns exec h2 iptables -A INPUT -p udp --dport 9000
ip netns exec h2 iptables -A OUTPUT -p udp --sport 9000 -m conntrack --ctstate ESTABLISHED
sleep 0.2
# probe: echo ping | ip netns exec h1 nc -u -w1 10.0.0.2 9000
