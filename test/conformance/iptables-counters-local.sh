# Rule, chain and policy counters after real pings to a host, in every view, then zeroed per chain and rule.
ip netns add h1
ip netns add fw
ip link add eth0 netns h1 type veth peer name eth0 netns fw
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n fw addr add 10.0.0.2/24 dev eth0
for ns in h1 fw; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec fw iptables -N icmp-in
ip netns exec fw iptables -A INPUT -i lo -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp -j icmp-in
ip netns exec fw iptables -A INPUT -s 10.0.0.99 -j DROP
ip netns exec fw iptables -A icmp-in -p icmp --icmp-type echo-request -s 10.0.0.1 -j ACCEPT
ip netns exec fw iptables -A icmp-in -j RETURN
ip netns exec fw iptables -A OUTPUT -o lo
ip netns exec fw iptables -A OUTPUT -p icmp --icmp-type echo-reply -j ACCEPT
ip netns exec fw iptables -P INPUT DROP
ip netns exec h1 ping -c 1 -W 1 10.0.0.2 > /dev/null; echo "ping: $?"
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.0.2 > /dev/null; echo "ping: $?"
ip netns exec h1 ping -c 2 -i 0.2 -s 1000 -W 1 10.0.0.2 > /dev/null; echo "ping: $?"
ip netns exec fw ping -c 2 -i 0.2 -W 1 127.0.0.1 > /dev/null; echo "ping: $?"
ip netns exec h1 ping -c 1 -W 1 -p ff 10.0.0.2 > /dev/null; echo "ping: $?"
ip netns exec fw iptables -L -v -x -n
ip netns exec fw iptables -L -v
ip netns exec fw iptables -L INPUT -v -n --line-numbers
ip netns exec fw iptables -S -v
ip netns exec fw iptables -S icmp-in 1 -v
ip netns exec fw iptables-save -c | grep -v '^#'
ip netns exec fw iptables -Z icmp-in 1
ip netns exec fw iptables -L icmp-in -v -x -n
ip netns exec fw iptables -Z OUTPUT -v
ip netns exec fw iptables -L OUTPUT -v -x -n
ip netns exec fw iptables -L INPUT -v -x -n -Z
ip netns exec fw iptables -L INPUT -v -x -n
ip netns exec h1 ping -c 1 -W 1 10.0.0.2 > /dev/null; echo "ping: $?"
ip netns exec fw iptables -Z -v
ip netns exec fw iptables-save -c | grep -v '^#'
