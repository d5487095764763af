# TCP to a port nobody listens on: the SYN is answered by a RST the kernel makes.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec h2 iptables -A INPUT -p tcp --syn --dport 81
ip netns exec h2 iptables -A OUTPUT -p tcp --tcp-flags RST RST
ip netns exec h2 iptables -A OUTPUT -p tcp --sport 81
ip netns exec h1 iptables -A INPUT -p tcp --tcp-flags RST,ACK RST,ACK -m conntrack --ctstate ESTABLISHED
ip netns exec h1 iptables -A OUTPUT -p tcp --dport 81
# probe: ip netns exec h1 nc -z -w1 10.0.0.2 81
