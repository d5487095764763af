# Forwarded pings through a router: FORWARD rule and policy counters per interface, mangle counters, -Z.
ip netns add h1
ip netns add r
ip netns add h2
ip link add veth1 netns r type veth peer name eth0 netns h1
ip link add veth2 netns r type veth peer name eth0 netns h2
ip -n h1 addr add 192.168.10.2/24 dev eth0
ip -n r addr add 192.168.10.1/24 dev veth1
ip -n r addr add 192.168.20.1/24 dev veth2
ip -n h2 addr add 192.168.20.2/24 dev eth0
for ns in h1 r h2; do ip -n $ns link set lo up; done
ip -n h1 link set eth0 up
ip -n r link set veth1 up
ip -n r link set veth2 up
ip -n h2 link set eth0 up
ip -n h1 route add default via 192.168.10.1
ip -n h2 route add default via 192.168.20.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -N from-h1
ip netns exec r iptables -A FORWARD -i veth1 -o veth2 -g from-h1
ip netns exec r iptables -A FORWARD -i veth2 -o veth1 -p icmp --icmp-type echo-reply -j ACCEPT
ip netns exec r iptables -A FORWARD -i veth2 -o veth1 -p icmp -j ACCEPT
ip netns exec r iptables -A from-h1 -p icmp --icmp-type echo-request -s 192.168.10.2 -j ACCEPT
ip netns exec r iptables -A from-h1 -j DROP
ip netns exec r iptables -t mangle -A FORWARD -i veth1
ip netns exec r iptables -t mangle -A POSTROUTING -o veth2
ip netns exec r iptables -t mangle -A PREROUTING -i veth2
ip netns exec r iptables -P FORWARD DROP
ip netns exec h1 ping -c 1 -W 1 192.168.20.2 > /dev/null; echo "ping: $?"
ip netns exec h1 ping -c 3 -i 0.2 -W 1 192.168.20.2 > /dev/null; echo "ping: $?"
ip netns exec h2 ping -c 2 -i 0.2 -W 1 192.168.10.2 > /dev/null; echo "ping: $?"
ip netns exec h1 ping -c 1 -t 1 -W 1 192.168.20.2 > /dev/null; echo "ping: $?"
ip netns exec r iptables -L FORWARD -v -x -n --line-numbers
ip netns exec r iptables -L from-h1 -v -x -n
ip netns exec r iptables -t mangle -L -v -x -n
ip netns exec r iptables -S FORWARD -v
ip netns exec r iptables-save -c | grep -v '^#'
ip netns exec r iptables -Z FORWARD 2
ip netns exec r iptables -Z from-h1
ip netns exec r iptables -t mangle -Z PREROUTING
ip netns exec r iptables -L FORWARD -v -x -n
ip netns exec r iptables-save -c | grep -v '^#'
