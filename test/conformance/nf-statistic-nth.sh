# -m statistic --mode nth drops every second echo request; the counter wraps as the kernel's does.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec b iptables -A INPUT -p icmp --icmp-type 8 -m statistic --mode nth --every 2 --packet 0 -j DROP
ip netns exec a ping -c 4 -i 0.2 -W 1 10.0.0.2 | grep -v rtt
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type 8 -m statistic --mode nth --every 3 --packet 1 -j DROP
ip netns exec a ping -c 6 -i 0.2 -W 1 10.0.0.2 | grep -v rtt
ip netns exec b iptables-save -c | grep -v '^#'
