# Three pings: statistic nth picks every second request, recent counts the
# requests a sender made so far.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
S="ip netns exec h2"
$S iptables -A INPUT -p icmp --icmp-type echo-request -m statistic --mode nth --every 2 --packet 0
$S iptables -A INPUT -p icmp --icmp-type echo-request -m statistic --mode nth --every 3 --packet 1
$S iptables -A INPUT -p icmp -m recent --name pingers --rcheck --hitcount 2
$S iptables -A INPUT -p icmp -m recent --name pingers --set
$S iptables -A OUTPUT -m statistic --mode nth --every 2 --packet 1
# probe: ip netns exec h1 ping -c3 -i 0.2 -W1 10.0.0.2
