# mangle OUTPUT marks packets; ip rule fwmark steers them to another table (re-routed after OUTPUT).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip link add eth1 netns a type veth peer name eth1 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a addr add 10.0.1.1/24 dev eth1
ip -n b addr add 10.0.1.2/24 dev eth1
ip -n b addr add 172.16.0.1/32 dev lo
for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; ip -n $ns link set eth1 up; done
ip -n b route add 10.0.0.0/16 via 10.0.0.1
ip -n a route add 172.16.0.1 via 10.0.0.2
ip -n a route add 172.16.0.1 via 10.0.1.2 table 100
ip -n a rule add fwmark 0x1 table 100
ip netns exec a iptables -t mangle -A OUTPUT -d 172.16.0.1 -p icmp -j MARK --set-mark 1
ip netns exec b iptables -A INPUT -i eth0 -p icmp
ip netns exec b iptables -A INPUT -i eth1 -p icmp
ip netns exec a ping -c 3 -i 0.2 172.16.0.1 | grep -v rtt
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec a iptables -t mangle -L OUTPUT -v -x -n
ip netns exec a iptables -t mangle -R OUTPUT 1 -d 172.16.0.1 -p icmp -j MARK --set-xmark 0x2/0x3
ip netns exec a ping -c 2 -i 0.2 172.16.0.1 | grep -v rtt
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec a iptables -t mangle -A OUTPUT -m mark --mark 2 -j MARK --or-mark 1
ip netns exec a iptables -A OUTPUT -m mark --mark 0x3 -j ACCEPT
ip netns exec a ping -c 1 172.16.0.1 | grep -v rtt
ip netns exec b iptables -Z
ip netns exec a iptables-save -c | grep -v '^#'
