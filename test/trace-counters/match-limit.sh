# Three pings against limit and hashlimit buckets: the burst lets the first
# ones through, the rest fall to the next rule.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
S="ip netns exec h2"
$S iptables -A INPUT -p icmp --icmp-type echo-request -m limit --limit 1/min --limit-burst 1 -j ACCEPT
$S iptables -A INPUT -p icmp --icmp-type echo-request -m hashlimit --hashlimit-upto 1/min --hashlimit-burst 1 --hashlimit-mode srcip --hashlimit-name ping -j ACCEPT
$S iptables -A INPUT -p icmp --icmp-type echo-request
# probe: ip netns exec h1 ping -c3 -i 0.2 -W1 10.0.0.2
