ip netns add fw
ip netns exec fw iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type 8 -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type 3/3 -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type port-unreachable -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type destination-unreachable -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp ! --icmp-type echo-reply -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type any -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type time-exceeded -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type 11/1 -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type 42 -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type ping -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type pong -j ACCEPT
ip netns exec fw iptables -A INPUT -p icmp --icmp-type 5/1 -j ACCEPT
ip netns exec fw iptables -S
ip netns exec fw iptables -L -n
ip netns exec fw iptables -L
ip netns exec fw iptables -A INPUT -p icmp --icmp-type bogus -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT -p icmp --icmp-type 256 -j ACCEPT; echo "status $?"
ip netns exec fw iptables -A INPUT --icmp-type 8 -j ACCEPT; echo "status $?"
