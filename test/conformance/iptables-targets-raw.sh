ip netns add fw
ip netns exec fw iptables -t raw -A PREROUTING -p udp --dport 53 -j NOTRACK
ip netns exec fw iptables -t raw -A OUTPUT -j CT --notrack
ip netns exec fw iptables -t raw -A PREROUTING -j CT --zone 1
ip netns exec fw iptables -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp
ip netns exec fw iptables -t raw -A PREROUTING -j TRACE
ip netns exec fw iptables -t raw -S
ip netns exec fw iptables -t raw -L -n
ip netns exec fw iptables-save -t raw | grep -v '^#'
ip netns exec fw iptables -A INPUT -j NOTRACK; echo "status $?"
ip netns exec fw iptables -A INPUT -j CT --notrack; echo "status $?"
ip netns exec fw iptables -t raw -A PREROUTING -j CT --bogus; echo "status $?"
ip netns exec fw iptables -t raw -A INPUT -j ACCEPT; echo "status $?"
