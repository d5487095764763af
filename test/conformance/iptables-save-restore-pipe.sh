ip netns add a
ip netns add b
ip netns exec a iptables -P FORWARD DROP
ip netns exec a iptables -N allowed
ip netns exec a iptables -A allowed -p tcp -m multiport --dports 22,80,443 -j ACCEPT
ip netns exec a iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec a iptables -A INPUT -i lo -j ACCEPT
ip netns exec a iptables -A INPUT -j allowed
ip netns exec a iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE
ip netns exec a iptables -t mangle -A OUTPUT -p udp --dport 53 -j MARK --set-mark 0x1
ip netns exec a iptables-save | ip netns exec b iptables-restore; echo "status $?"
ip netns exec b iptables-save | grep -v '^#'
ip netns exec a iptables-save -t filter | grep -v '^#' > /tmp/filter.rules
ip netns exec b iptables -F
ip netns exec b iptables -X
ip netns exec b iptables-restore < /tmp/filter.rules; echo "status $?"
ip netns exec b iptables -S
ip netns exec b iptables-save -t nat | ip netns exec b iptables-restore --noflush; echo "status $?"
ip netns exec b iptables -t nat -S
