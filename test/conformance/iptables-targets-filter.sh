ip netns add fw
ip netns exec fw iptables -A INPUT -j REJECT
ip netns exec fw iptables -A INPUT -j REJECT --reject-with icmp-host-unreachable
ip netns exec fw iptables -A INPUT -j REJECT --reject-with icmp-net-unreachable
ip netns exec fw iptables -A INPUT -j REJECT --reject-with icmp-proto-unreachable
ip netns exec fw iptables -A INPUT -j REJECT --reject-with icmp-net-prohibited
ip netns exec fw iptables -A INPUT -j REJECT --reject-with icmp-host-prohibited
ip netns exec fw iptables -A INPUT -j REJECT --reject-with icmp-admin-prohibited
ip netns exec fw iptables -A INPUT -j REJECT --reject-with host-unreach
ip netns exec fw iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset
ip netns exec fw iptables -A INPUT -p tcp -j REJECT --reject-with tcp-rst
ip netns exec fw iptables -A INPUT -j LOG
ip netns exec fw iptables -A INPUT -j LOG --log-prefix "IN: " --log-level 4
ip netns exec fw iptables -A INPUT -j LOG --log-level debug --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid
ip netns exec fw iptables -A INPUT -j LOG --log-level 7
ip netns exec fw iptables -A INPUT -j LOG --log-level alert
ip netns exec fw iptables -A INPUT -j LOG --log-macdecode
ip netns exec fw iptables -S
ip netns exec fw iptables -L -n
ip netns exec fw iptables -A INPUT -j REJECT --reject-with foo; echo "status $?"
ip netns exec fw iptables -A INPUT -j LOG --log-level 9; echo "status $?"
ip netns exec fw iptables -A INPUT -j LOG --log-level foo; echo "status $?"
ip netns exec fw iptables -A INPUT -j LOG --log-prefix "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; echo "status $?"
ip netns exec fw iptables -A INPUT -j LOG --log-prefix "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; echo "status $?"
ip netns exec fw iptables -t nat -A PREROUTING -j REJECT; echo "status $?"
ip netns exec fw iptables -t mangle -A INPUT -j REJECT; echo "status $?"
ip netns exec fw iptables -A INPUT -p udp -j REJECT --reject-with tcp-reset; echo "status $?"
ip netns exec fw iptables -A INPUT -j ACCEPT --foo; echo "status $?"
