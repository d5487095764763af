ip netns add fw
ip netns exec fw iptables -A INPUT -p tcp --dport 22 -j ACCEPT
ip netns exec fw iptables -A INPUT -s 10.0.0.1 -d 10.1.2.3/16 -j DROP
ip netns exec fw iptables -N LOGDROP
ip netns exec fw iptables -A LOGDROP -j LOG --log-prefix "drop: "
ip netns exec fw iptables -A LOGDROP -j DROP
ip netns exec fw iptables -A FORWARD -i eth+ -j LOGDROP
ip netns exec fw iptables -I INPUT 2 -p icmp --icmp-type echo-request -j ACCEPT
ip netns exec fw iptables -S
ip netns exec fw iptables -L
ip netns exec fw iptables -L -n -v --line-numbers
ip netns exec fw iptables -L -n -v -x
ip netns exec fw iptables-save | grep -v '^#'
